using System.Reflection;
using System.Runtime.Loader;

namespace Rinkel.Packaging.Tests.Infrastructure;

/// <summary>
/// The module's .NET Framework resolve logic (Rinkel.Internal.Loading.FrameworkResolver.ResolvePath), called on the
/// built out/Rinkel/Rinkel.dll, loaded into a load context of its own so it sees its real module folder.
/// </summary>
public static class ModuleLoaderProbe
{
    private static readonly Lazy<Func<string, string?, string?>> Resolve = new(() =>
    {
        var context = new AssemblyLoadContext("Rinkel resolver probe", isCollectible: false);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(Repo.ModuleDirectory, "Rinkel.dll"));
        var method = assembly.GetType("Rinkel.Internal.Loading.FrameworkResolver", throwOnError: true)!
            .GetMethod("ResolvePath", BindingFlags.NonPublic | BindingFlags.Static)!;
        return (name, requester) => (string?)method.Invoke(null, [name, requester]);
    });

    /// <summary>The shipped file the handler answers with, or null when it lets the request go.</summary>
    /// <param name="requester">The requesting assembly's file; null when the runtime does not name one.</param>
    public static string? ResolvePath(string requestedName, string? requester) => Resolve.Value(requestedName, requester);
}
