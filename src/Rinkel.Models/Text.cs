using System.Collections.Generic;

namespace Rinkel
{
    /// <summary>
    /// The text of the nested settings. Two forms, both labelled with the property names users see in Get-Member,
    /// Where-Object and Select-Object, never with other words:
    /// <list type="bullet">
    /// <item>ToString() of a settings object lists its own properties, <c>Name=value; Name=value</c>. It is what a list
    /// view, a CSV cell and <c>"$x"</c> show, and what ConvertTo-Json writes for objects below its depth, where it reads
    /// as the object's fields flattened, never as a value the API sent.</item>
    /// <item>A parent shows a child object as the child's text in braces (<c>CallWaiting={Enabled=on; PlayWaitingTone=on}</c>),
    /// or, in a CSV cell of several one-field-like children, as the child's short form after its property name
    /// (<c>MissedCalls=email,app</c>), so the cell stays one readable line.</item>
    /// </list>
    /// Ids are only ever shown under a property name that holds an id.
    /// </summary>
    internal static class Text
    {
        internal static string? OnOff(bool? value) => value switch { true => "on", false => "off", null => null };

        internal static void AddPair(List<string> parts, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + value);
        }

        internal static string Join(List<string> parts) => string.Join("; ", parts);

        internal static string? Braced(string? text) => string.IsNullOrEmpty(text) ? null : "{" + text + "}";
    }
}
