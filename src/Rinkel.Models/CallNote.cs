using System.Collections.Generic;

namespace Rinkel
{
    public sealed class CallNote
    {
        public string? Id { get; set; }
        public string? Content { get; set; }

        public override string ToString() => Content ?? string.Empty;
    }

    /// <summary>The notes of a call; reads as their text (one per line) in a CSV cell or a list view.</summary>
    public sealed class CallNoteList : List<CallNote>
    {
        public override string ToString() => string.Join("\n", this);
    }
}
