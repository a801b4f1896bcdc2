using System.Globalization;

namespace Rinkel.HelpBuilder;

/// <summary>
/// dotnet Rinkel.HelpBuilder.dll &lt;docsDir&gt; &lt;moduleDir&gt;: writes &lt;moduleDir&gt;/en-US/*-Help.xml and about_*.help.txt.
/// Exit codes: 0 written, 1 the docs have errors (each printed as "file(line): error RHnnnn: ..."), 2 bad arguments.
/// </summary>
internal static class Program
{
    public const string Usage = "Usage: dotnet Rinkel.HelpBuilder.dll <docsDir> <moduleDir>";

    public static int Main(string[] args)
    {
        // Messages and numbers must not depend on the build machine's culture.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

        if (args.Length != 2)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var docs = Path.GetFullPath(args[0]);
        var module = Path.GetFullPath(args[1]);
        if (!Directory.Exists(docs))
        {
            Console.Error.WriteLine($"{docs}: error RH0000: The docs folder does not exist.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var result = HelpBuild.Run(docs, module);
        // In file and line order, the order in which someone fixes them.
        foreach (var error in result.Errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)) Console.Error.WriteLine(error);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"Rinkel.HelpBuilder: {result.Errors.Count} error(s) in {docs}; no help was written.");
            return 1;
        }
        foreach (var path in result.Written) Console.WriteLine($"Rinkel.HelpBuilder: wrote {path}");
        return 0;
    }
}
