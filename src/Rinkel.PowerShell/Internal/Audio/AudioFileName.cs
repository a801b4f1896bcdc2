using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace Rinkel.Internal.Audio
{
    /// <summary>
    /// File names for downloaded audio: stable (the same record always gets the same name, so a re-run finds its
    /// files) and readable (date, direction, other party, id), or the user's own from a template or script block.
    /// Every name is made safe on Windows and Linux alike, so an archive can move between them.
    /// </summary>
    internal sealed class AudioFileName
    {
        public const string Extension = ".mp3";
        private const int MaxSegmentLength = 150;
        private static readonly string[] Tokens = { "Date", "Direction", "ExternalNumber", "Kind", "Id", "SourceId", "Name" };
        private static readonly HashSet<string> ReservedNames = new HashSet<string>(
            new[] { "CON", "PRN", "AUX", "NUL" }
                .Concat(Enumerable.Range(1, 9).Select(i => "COM" + i))
                .Concat(Enumerable.Range(1, 9).Select(i => "LPT" + i)),
            StringComparer.OrdinalIgnoreCase);

        private readonly string? _template;
        private readonly ScriptBlock? _script;

        private AudioFileName(string? template, ScriptBlock? script)
        {
            _template = template;
            _script = script;
        }

        public static readonly AudioFileName Default = new AudioFileName(null, null);

        /// <summary>From -FileName: a script block, or a template string such as '{Date:yyyy}/{Id}'.</summary>
        /// <exception cref="ArgumentException">A template naming an unknown token or with unbalanced braces.</exception>
        public static AudioFileName From(object value)
        {
            var raw = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (raw is ScriptBlock script) return new AudioFileName(null, script);
            var template = raw?.ToString();
            if (string.IsNullOrWhiteSpace(template)) throw new ArgumentException("The file name template is empty.");
            // Expanding a sample checks the template once, up front, instead of failing on every file.
            Expand(template!, new AudioItem(Client.AudioKind.Recording, "id", null));
            return new AudioFileName(template, null);
        }

        /// <summary>The path relative to the target folder; may contain sub-folders ('/' or '\').</summary>
        /// <exception cref="ArgumentException">The script block or template produced nothing usable.</exception>
        public string For(AudioItem item)
        {
            string name;
            if (_script != null)
            {
                var output = _script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", item.Source ?? item.Id) });
                name = string.Concat(output.Where(o => o != null).Select(o => o.ToString()));
            }
            else
            {
                name = _template != null ? Expand(_template, item) : Standard(item);
            }
            return MakeSafe(name);
        }

        private static string Standard(AudioItem item)
        {
            var parts = new List<string>(6);
            if (item.Date is DateTime date) parts.Add(date.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture));
            if (item.Kind == Client.AudioKind.Recording)
            {
                parts.Add(item.KindName);
                if (!string.IsNullOrEmpty(item.Name)) parts.Add(item.Name!);
                parts.Add(item.Id);
            }
            else
            {
                if (!string.IsNullOrEmpty(item.Direction)) parts.Add(item.Direction!.ToLowerInvariant());
                if (!string.IsNullOrEmpty(item.ExternalNumber)) parts.Add(item.ExternalNumber!);
                parts.Add(item.KindName);
                parts.Add(item.SourceId ?? item.Id);
            }
            return string.Join("_", parts);
        }

        private static string Expand(string template, AudioItem item)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < template.Length; i++)
            {
                var c = template[i];
                if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
                if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
                if (c == '}') throw new ArgumentException($"The file name template '{template}' has a '}}' without its '{{' (write '}}}}' for a literal brace).");
                if (c != '{') { sb.Append(c); continue; }
                var end = template.IndexOf('}', i);
                if (end < 0) throw new ArgumentException($"The file name template '{template}' has a '{{' without its '}}'.");
                var token = template.Substring(i + 1, end - i - 1);
                var colon = token.IndexOf(':');
                var name = colon < 0 ? token : token.Substring(0, colon);
                var format = colon < 0 ? null : token.Substring(colon + 1);
                sb.Append(Value(template, name.Trim(), format, item));
                i = end;
            }
            return sb.ToString();
        }

        private static string Value(string template, string token, string? format, AudioItem item)
        {
            switch (token.ToLowerInvariant())
            {
                case "date":
                    return item.Date is DateTime date ? date.ToString(format ?? "yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture) : "undated";
                case "direction": return item.Direction?.ToLowerInvariant() ?? string.Empty;
                case "externalnumber": return item.ExternalNumber ?? string.Empty;
                case "kind": return item.KindName;
                case "id": return item.Id;
                case "sourceid": return item.SourceId ?? item.Id;
                case "name": return item.Name ?? string.Empty;
                default:
                    throw new ArgumentException($"The file name template '{template}' names '{{{token}}}', which is not one of {{{string.Join("}, {", Tokens)}}}.");
            }
        }

        /// <summary>
        /// Replaces what Windows or Linux cannot store (&lt; &gt; : " | ? * and control characters), trims trailing dots and
        /// spaces, renames device names (CON, NUL, COM1 ...), shortens long segments, and refuses to leave the folder.
        /// </summary>
        internal static string MakeSafe(string name)
        {
            var segments = name.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(s => s.Trim())
                .Where(s => s.Length > 0)
                .ToList();
            if (segments.Count == 0) throw new ArgumentException("The file name is empty.");
            if (segments.Any(s => s == "." || s == ".."))
                throw new ArgumentException($"The file name '{name}' would leave the target folder ('.' or '..').");
            for (var i = 0; i < segments.Count; i++)
            {
                var last = i == segments.Count - 1;
                var segment = Clean(segments[i]);
                if (last && !segment.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)) segment += Extension;
                if (segment.Length > MaxSegmentLength)
                {
                    var keep = last ? MaxSegmentLength - Extension.Length : MaxSegmentLength;
                    segment = segment.Substring(0, keep).TrimEnd('.', ' ') + (last ? Extension : string.Empty);
                }
                var stem = segment.Split('.')[0];
                if (ReservedNames.Contains(stem.TrimEnd(' '))) segment = "_" + segment;
                segments[i] = segment;
            }
            return string.Join(System.IO.Path.DirectorySeparatorChar.ToString(), segments);
        }

        private static string Clean(string segment)
        {
            var sb = new StringBuilder(segment.Length);
            foreach (var c in segment)
            {
                if (char.IsControl(c) || c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*') sb.Append('_');
                else if (char.IsWhiteSpace(c)) sb.Append(' ');
                else sb.Append(c);
            }
            var cleaned = sb.ToString().TrimEnd('.', ' ');
            return cleaned.Length == 0 ? "_" : cleaned;
        }
    }
}
