using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace Rinkel.Internal.Loading
{
    /// <summary>
    /// The module's folder on disk: Rinkel.dll and Rinkel.Models.dll at the root, the client and its packages in
    /// Dependencies/.
    /// </summary>
    internal static class ModuleFolder
    {
        /// <summary>The private assembly the module's resolvers answer the host for; its packages hang off it.</summary>
        public const string ClientName = "Rinkel.Client";

        /// <summary>
        /// The public models: one copy, in the host's context (RequiredAssemblies puts it there), shared by Rinkel.dll,
        /// the private client and the user's [Rinkel.User].
        /// </summary>
        public const string ModelsName = "Rinkel.Models";

        private static readonly ConcurrentDictionary<string, AssemblyName> Names =
            new ConcurrentDictionary<string, AssemblyName>(StringComparer.OrdinalIgnoreCase);

        private static readonly StringComparison PathComparison =
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>The folder of Rinkel.dll; empty if it was not loaded from a file (then nothing is ever answered).</summary>
        public static string Root { get; } = FolderOf(typeof(ModuleFolder).Assembly.Location);

        public static string Dependencies { get; } = Path.Combine(Root, "Dependencies");

        private static string FolderOf(string? location)
        {
            if (string.IsNullOrEmpty(location)) return "";
            try { return Path.GetDirectoryName(Path.GetFullPath(location)) ?? ""; }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException) { return ""; }
        }

        public static bool IsModels(string? simpleName) => string.Equals(simpleName, ModelsName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The file the module ships for a simple assembly name (the models at the root, the rest in Dependencies/), or null.</summary>
        public static string? ShippedFile(string? simpleName)
        {
            if (string.IsNullOrEmpty(simpleName) || Root.Length == 0) return null;
            if (simpleName!.IndexOfAny(new[] { '/', '\\', ':' }) >= 0 || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;
            var path = Path.Combine(IsModels(simpleName) ? Root : Dependencies, simpleName + ".dll");
            return File.Exists(path) ? path : null;
        }

        /// <summary>The identity of an assembly file (read once per file).</summary>
        public static AssemblyName NameOf(string path) => Names.GetOrAdd(path, p => AssemblyName.GetAssemblyName(p));

        /// <summary>True when <paramref name="location"/> is a file inside the module folder (root or Dependencies/).</summary>
        public static bool Contains(string? location)
        {
            if (string.IsNullOrEmpty(location) || Root.Length == 0) return false;
            string full;
            try { full = Path.GetFullPath(location); }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException) { return false; }
            var root = Root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? Root : Root + Path.DirectorySeparatorChar;
            return full.StartsWith(root, PathComparison);
        }

        /// <summary>True when both names carry the same public key token, or <paramref name="requested"/> names none.</summary>
        public static bool SameKey(AssemblyName requested, AssemblyName shipped)
        {
            var wanted = requested.GetPublicKeyToken();
            if (wanted == null) return true;
            var have = shipped.GetPublicKeyToken() ?? Array.Empty<byte>();
            if (wanted.Length != have.Length) return false;
            for (var i = 0; i < wanted.Length; i++)
            {
                if (wanted[i] != have[i]) return false;
            }
            return true;
        }
    }
}
