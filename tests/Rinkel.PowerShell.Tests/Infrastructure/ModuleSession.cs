using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Rinkel.PowerShell.Tests.Infrastructure;

/// <summary>
/// A fresh PowerShell 7.6 runspace with the built module imported from out/Rinkel, as a user's session would be.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession(int width = 120, bool importModule = true)
    {
        Host = new CapturingHost(width);
        _runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run("$PSStyle.OutputRendering = 'PlainText'").ThrowIfFailed();
        if (importModule) Run("Import-Module -Name $args[0] -ErrorAction Stop", ModulePath).ThrowIfFailed();
    }

    public CapturingHost Host { get; }

    /// <summary>
    /// Imports Microsoft.PowerShell.Utility (Sort-Object, Group-Object, Compare-Object, ConvertTo-Json, Format-List,
    /// ConvertFrom-Csv ...) from its package: the engine-only host has just the core commands.
    /// </summary>
    public ModuleSession WithUtility()
    {
        Run("Import-Module -Name $args[0] -ErrorAction Stop",
            typeof(Microsoft.PowerShell.Commands.SortObjectCommand).Assembly.Location).ThrowIfFailed();
        return this;
    }

    public Runspace Runspace => _runspace;

    public static string ModulePath => Metadata("RinkelModulePath");

    public static string ModuleDirectory => Path.GetDirectoryName(ModulePath)!;

    public static string RepoRoot => Metadata("RepoRoot");

    // A cmdlet's ThrowTerminatingError ends only the statement inside a script, which then goes on; the wrapper
    // catches it the way a user's try/catch would, so tests can tell terminating errors from non-terminating ones.
    private const string Wrapper = """
        param($__script, $__arguments)
        $global:__RinkelTerminatingError = $null
        try { . ([scriptblock]::Create($__script)) @__arguments }
        catch { $global:__RinkelTerminatingError = $_ }
        """;

    /// <summary>Runs script text; <paramref name="args"/> arrive as $args. Terminating errors are captured, not thrown.</summary>
    public PsResult Run(string script, params object?[] args)
    {
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(Wrapper).AddArgument(script).AddArgument(args);
        Collection<PSObject> output = [];
        ErrorRecord? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord;
        }
        terminating ??= _runspace.SessionStateProxy.GetVariable("__RinkelTerminatingError") switch
        {
            ErrorRecord record => record,
            PSObject { BaseObject: ErrorRecord record } => record,
            _ => null,
        };
        return new PsResult(output, ps.Streams, terminating);
    }

    /// <summary>Starts script text without waiting, for cancellation tests.</summary>
    public System.Management.Automation.PowerShell Begin(string script, params object?[] args)
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var arg in args) ps.AddArgument(arg);
        return ps;
    }

    private static string Metadata(string key) =>
        typeof(ModuleSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public void Dispose() => _runspace.Dispose();
}

public sealed class PsResult(Collection<PSObject> output, PSDataStreams streams, ErrorRecord? terminating)
{
    public Collection<PSObject> Output { get; } = output;
    public IReadOnlyList<ErrorRecord> Errors { get; } = streams.Error.ToList();
    public IReadOnlyList<string> Verbose { get; } = streams.Verbose.Select(v => v.Message).ToList();
    public IReadOnlyList<string> Warnings { get; } = streams.Warning.Select(w => w.Message).ToList();
    public IReadOnlyList<string> Debug { get; } = streams.Debug.Select(d => d.Message).ToList();
    public IReadOnlyList<string> Information { get; } = streams.Information.Select(i => i.MessageData?.ToString() ?? "").ToList();
    public IReadOnlyList<ProgressRecord> Progress { get; } = streams.Progress.ToList();

    /// <summary>The terminating error, if the script ended with one.</summary>
    public ErrorRecord? Terminating { get; } = terminating;

    /// <summary>Every error, non-terminating and terminating.</summary>
    public IEnumerable<ErrorRecord> AllErrors => Terminating is null ? Errors : Errors.Append(Terminating);

    public PsResult ThrowIfFailed()
    {
        var first = AllErrors.FirstOrDefault();
        if (first != null) throw new InvalidOperationException($"PowerShell failed: {first} ({first.FullyQualifiedErrorId})", first.Exception);
        return this;
    }

    /// <summary>Everything a user could see or log from the run, as text.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        parts.AddRange(Output.Select(o => o?.ToString() ?? ""));
        foreach (var error in AllErrors)
        {
            parts.Add(error.ToString());
            parts.Add(error.Exception?.ToString() ?? "");
            parts.Add(error.ErrorDetails?.Message ?? "");
            parts.Add(error.ErrorDetails?.RecommendedAction ?? "");
            parts.Add(error.TargetObject?.ToString() ?? "");
            parts.Add(error.CategoryInfo.ToString());
            parts.Add(error.ScriptStackTrace ?? "");
        }
        parts.AddRange(Verbose);
        parts.AddRange(Warnings);
        parts.AddRange(Debug);
        parts.AddRange(Information);
        parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
        return string.Join("\n", parts);
    }
}
