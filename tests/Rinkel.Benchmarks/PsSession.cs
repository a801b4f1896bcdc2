using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace Rinkel.Benchmarks;

/// <summary>A fresh PowerShell 7.6 runspace (engine only, as in the engine tests), failing loudly on any error.</summary>
internal sealed class PsSession : IDisposable
{
    private readonly Runspace _runspace;

    public PsSession()
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
    }

    /// <summary>Runs one command with named parameters, optionally fed <paramref name="input"/> through the pipeline.</summary>
    public Collection<PSObject> Command(string name, IDictionary? parameters = null, IEnumerable? input = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddCommand(name);
        if (parameters != null) ps.AddParameters(parameters);
        return Invoke(ps, input);
    }

    public Collection<PSObject> Script(string script, params object?[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var arg in args) ps.AddArgument(arg);
        return Invoke(ps, null);
    }

    public void ImportModule(string path) =>
        Command("Import-Module", new Hashtable { ["Name"] = path, ["ErrorAction"] = "Stop" });

    /// <summary>Connect-Rinkel -PassThru; returns the connection's (MaxConcurrentPages, MaxConcurrentRequests).</summary>
    public (int Pages, int Requests) Connect(Uri baseUri, string apiKey, int? maxConcurrentPages, int? maxConcurrentRequests)
    {
        var parameters = new Hashtable { ["ApiKey"] = Secure(apiKey), ["BaseUri"] = baseUri, ["PassThru"] = true };
        if (maxConcurrentPages is int pages) parameters["MaxConcurrentPages"] = pages;
        if (maxConcurrentRequests is int requests) parameters["MaxConcurrentRequests"] = requests;
        var connection = Command("Connect-Rinkel", parameters).Single();
        return ((int)connection.Properties["MaxConcurrentPages"].Value, (int)connection.Properties["MaxConcurrentRequests"].Value);
    }

    private static Collection<PSObject> Invoke(PowerShell ps, IEnumerable? input)
    {
        Collection<PSObject> output;
        try
        {
            output = input is null ? ps.Invoke() : ps.Invoke(input);
        }
        catch (RuntimeException ex)
        {
            throw new InvalidOperationException($"PowerShell failed: {ex.ErrorRecord} ({ex.ErrorRecord.FullyQualifiedErrorId})", ex);
        }

        if (ps.Streams.Error.Count > 0)
        {
            var first = ps.Streams.Error[0];
            throw new InvalidOperationException($"PowerShell wrote {ps.Streams.Error.Count} error(s), the first: {first} ({first.FullyQualifiedErrorId})", first.Exception);
        }

        return output;
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }

    public void Dispose() => _runspace.Dispose();
}
