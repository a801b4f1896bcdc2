using System;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>
    /// Rejects ids that cannot be a Rinkel id before any request is made. The client escapes every id as one path
    /// segment anyway; this is so that a pasted URL, a path or a blank CSV cell gets a clear parameter error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateUserIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        internal const int MaxLength = 128;
        private static readonly char[] PathCharacters = { '/', '\\', '?', '#', '%', '&' };

        protected override void ValidateElement(object element)
        {
            var id = element is PSObject wrapped ? wrapped.BaseObject : element;
            var problem = Check(id as string ?? id?.ToString(), "user id");
            if (problem != null) throw new ValidationMetadataException(problem);
        }

        /// <summary>Why <paramref name="id"/> cannot be an id, naming it as <paramref name="what"/> ("user id", "number id", "id"); null when it can.</summary>
        internal static string? Check(string? id, string what)
        {
            if (id is null || id.Trim().Length == 0) return $"The {what} is empty or blank.";
            if (id.Length > MaxLength) return $"The {what} is {id.Length} characters long; Rinkel ids are at most {MaxLength}.";
            foreach (var c in id)
            {
                if (char.IsControl(c)) return $"The {what} '{Printable(id)}' contains a control character.";
                if (Array.IndexOf(PathCharacters, c) >= 0) return $"The {what} '{id}' contains '{c}', which Rinkel ids never contain.";
            }
            if (id.Trim('.').Length == 0) return $"The {what} '{id}' is not an id.";
            if (id.Trim().Length != id.Length) return $"The {what} '{id}' has leading or trailing spaces.";
            return null;
        }

        private static string Printable(string id)
        {
            var chars = id.ToCharArray();
            for (var i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = '?';
            return new string(chars);
        }
    }
}
