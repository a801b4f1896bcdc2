using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace Rinkel.PowerShell.Tests.Infrastructure;

/// <summary>A host whose console is a StringBuilder, so Out-Host output (the real formatting engine) can be asserted.</summary>
public sealed class CapturingHost : PSHost
{
    private readonly CapturingUserInterface _ui;

    public CapturingHost(int width) => _ui = new CapturingUserInterface(width);

    public string Text => _ui.Text;

    /// <summary>
    /// Answers for Prompt(), as a person at an interactive console would type them; with none queued the host
    /// refuses to prompt, as a non-interactive host does.
    /// </summary>
    public Queue<object> Answers => _ui.Answers;

    /// <summary>What each Prompt() asked for: the field names and their types.</summary>
    public IReadOnlyList<FieldDescription> Prompts => _ui.Prompts;

    public void ClearText() => _ui.Clear();

    /// <summary>
    /// Answers for PromptForChoice() (a ShouldProcess confirmation), as indexes into its choices; with none queued
    /// the host refuses to ask, as a non-interactive host does.
    /// </summary>
    public Queue<int> Choices => _ui.Choices;

    /// <summary>What each answered PromptForChoice() showed: its caption and message.</summary>
    public IReadOnlyList<(string Caption, string Message)> ChoicePrompts => _ui.ChoicePrompts;

    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "RinkelTestHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class CapturingUserInterface(int width) : PSHostUserInterface
    {
        private readonly StringBuilder _text = new();
        private readonly object _lock = new();
        private readonly CapturingRawUserInterface _raw = new(width);

        public Queue<object> Answers { get; } = new();
        public List<FieldDescription> Prompts { get; } = [];
        public Queue<int> Choices { get; } = new();
        public List<(string Caption, string Message)> ChoicePrompts { get; } = [];

        public string Text { get { lock (_lock) return _text.ToString(); } }
        public void Clear() { lock (_lock) _text.Clear(); }
        public override PSHostRawUserInterface RawUI => _raw;

        // The engine leaves $PSStyle.OutputRendering = 'PlainText' to the host to apply (as the console host does),
        // so this host drops the SGR colour sequences itself.
        private static readonly System.Text.RegularExpressions.Regex Sgr = new("\x1b\\[[0-9;]*m", System.Text.RegularExpressions.RegexOptions.Compiled);

        public override void Write(string value) { lock (_lock) _text.Append(Sgr.Replace(value, "")); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value) { lock (_lock) _text.Append(Sgr.Replace(value, "")).Append('\n'); }
        public override void WriteErrorLine(string value) => WriteLine("ERROR: " + value);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override string ReadLine() => throw new NotSupportedException("The test host cannot prompt.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host cannot prompt.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
        {
            if (Answers.Count < descriptions.Count) throw new NotSupportedException("The test host cannot prompt.");
            Prompts.AddRange(descriptions);
            return descriptions.ToDictionary(d => d.Name, _ => PSObject.AsPSObject(Answers.Dequeue()));
        }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("The test host cannot prompt.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("The test host cannot prompt.");
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
        {
            if (Choices.Count == 0) throw new NotSupportedException("The test host cannot prompt.");
            ChoicePrompts.Add((caption, message));
            return Choices.Dequeue();
        }
    }

    private sealed class CapturingRawUserInterface(int width) : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Size BufferSize { get; set; } = new(width, 9999);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new(width, 9999);
        public override Size MaxWindowSize => new(width, 9999);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new(width, 50);
        public override string WindowTitle { get; set; } = "";
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
