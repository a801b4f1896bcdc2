using System.Collections.Generic;

namespace Rinkel
{
    // ToString() of the nested settings must read as text in a CSV cell or a list view, never as a type name.
    internal static class Text
    {
        internal static string? OnOff(bool? value) => value switch { true => "on", false => "off", null => null };

        internal static void AddPair(List<string> parts, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + value);
        }
    }
}
