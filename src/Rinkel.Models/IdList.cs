using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>
    /// A list of ids that pipes like an array (<c>$number.ActiveUserIds | Get-RinkelUser</c>) and reads as
    /// "id1, id2" in a CSV cell or a list view, where a plain array would show its type name.
    /// </summary>
    public sealed class IdList : List<string>
    {
        public override string ToString() => string.Join(", ", this);
    }
}
