using System.Collections.Generic;

namespace Rinkel
{
    public sealed class MusicOnHoldSettings
    {
        public bool? Enabled { get; set; }
        /// <summary>Id of the music played while a caller is on hold.</summary>
        public string? Music { get; set; }

        /// <summary><c>Enabled=on; Music=568ddc2bdac2bd246861ec00</c>.</summary>
        public override string ToString()
        {
            var parts = new List<string>(2);
            Text.AddPair(parts, nameof(Enabled), Text.OnOff(Enabled));
            Text.AddPair(parts, nameof(Music), Music);
            return Text.Join(parts);
        }
    }
}
