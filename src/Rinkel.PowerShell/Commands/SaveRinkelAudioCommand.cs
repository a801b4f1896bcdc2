using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.PowerShell.Commands;
using Rinkel.Client;
using Rinkel.Internal;
using Rinkel.Internal.Audio;

namespace Rinkel.Commands
{
    /// <summary>
    /// Downloads the audio of call records, voicemails and recordings to a folder, several at once, under stable
    /// readable names. Files already there are skipped, so the same command run every night archives only what is new;
    /// a download becomes its final file only once complete.
    /// </summary>
    [Cmdlet(VerbsData.Save, "RinkelAudio", DefaultParameterSetName = InputSet, SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveRinkelAudioCommand : RinkelApiCmdlet
    {
        private const string InputSet = "InputObject";
        private const string RecordingSet = "RecordingId";
        private const string CallRecordingSet = "CallRecordingId";
        private const string VoicemailSet = "VoicemailId";
        private const int ProgressId = 0x52494f; // distinct from the listing progress of the cmdlet feeding the pipeline

        private readonly List<Download> _inFlight = new List<Download>();
        private readonly HashSet<string> _planned = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private Connection? _connection;
        private AudioFileName _names = AudioFileName.Default;
        private string _folder = string.Empty;
        private bool _folderReady;
        private int _window;
        private Timer? _progressTimer;
        private long _bytes;
        private int _queued;
        private int _done;
        private int _skipped;
        private int _failed;

        /// <summary>A call record (its call recording and/or voicemail), a recording, or a row naming the audio.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
        public PSObject? InputObject { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = RecordingSet)]
        [ValidateNotNullOrEmpty]
        [ValidateResourceId("recording")]
        public string[]? RecordingId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CallRecordingSet)]
        [ValidateNotNullOrEmpty]
        [ValidateResourceId("call recording")]
        public string[]? CallRecordingId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = VoicemailSet)]
        [ValidateNotNullOrEmpty]
        [ValidateResourceId("voicemail")]
        public string[]? VoicemailId { get; set; }

        /// <summary>The folder to save to; relative to the current PowerShell location; created when missing.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = ".";

        /// <summary>A script block ($_ is the input object) or a template like '{Date:yyyy}/{Date:MM}/{Id}'.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? FileName { get; set; }

        /// <summary>Download again and overwrite files that already exist.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override string ProgressActivity => "Saving Rinkel audio";

        protected override void BeginProcessing()
        {
            _connection = ResolveConnection();
            _window = Math.Max(1, _connection.MaxConcurrentDownloads);
            _folder = ResolveFolder();
            if (FileName != null)
            {
                try
                {
                    _names = AudioFileName.From(FileName);
                }
                catch (ArgumentException ex)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "RinkelAudioFileNameInvalid", ErrorCategory.InvalidArgument, FileName));
                }
            }
            _progressTimer = new Timer(_ => Observer.Post(cmdlet => WriteOverallProgress()), null, 500, 500);
        }

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case RecordingSet:
                    foreach (var id in RecordingId!) Queue(new AudioItem(AudioKind.Recording, id, null) { SourceId = id });
                    break;
                case CallRecordingSet:
                    foreach (var id in CallRecordingId!) Queue(new AudioItem(AudioKind.CallRecording, id, null) { SourceId = id });
                    break;
                case VoicemailSet:
                    foreach (var id in VoicemailId!) Queue(new AudioItem(AudioKind.Voicemail, id, null) { SourceId = id });
                    break;
                default:
                    QueueInput(InputObject!);
                    break;
            }
            Observer.Flush(this);
        }

        protected override void EndProcessing()
        {
            while (_inFlight.Count > 0) WriteFinished();
            StopProgressTimer();
            base.EndProcessing();
            WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                "Saved {0} file(s), {1:N1} MB, to '{2}'; {3} already complete and skipped; {4} failed.",
                _done - _failed, _bytes / 1048576.0, _folder, _skipped, _failed));
            if (_queued > 0) WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void QueueInput(PSObject input)
        {
            var items = AudioItems.From(input, out var noAudio);
            if (items == null)
            {
                var shown = input.BaseObject is string text ? "'" + text + "'" : "an object of type " + input.BaseObject.GetType().FullName;
                WriteError(new ErrorRecord(
                    new ArgumentException($"Save-RinkelAudio cannot tell what audio {shown} is. Pipe call records, voicemails or recordings from Get-Rinkel* commands, rows with a RecordingId, CallRecordingId or VoicemailId column, or pass ids with -RecordingId, -CallRecordingId or -VoicemailId."),
                    "RinkelAudioSourceUnknown", ErrorCategory.InvalidArgument, input));
                return;
            }
            if (items.Length == 0)
            {
                WriteVerbose("Skipping " + noAudio + ".");
                return;
            }
            foreach (var item in items) Queue(item);
        }

        private void Queue(AudioItem item)
        {
            string relative;
            try
            {
                relative = _names.For(item);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is RuntimeException)
            {
                WriteError(new ErrorRecord(new ArgumentException($"No file name for {item}: {ex.Message}", ex),
                    "RinkelAudioFileNameInvalid", ErrorCategory.InvalidArgument, item.Source ?? item.Id));
                return;
            }

            var target = System.IO.Path.Combine(_folder, relative);
            if (!_planned.Add(target))
            {
                WriteVerbose($"Skipping {item}: '{target}' is already being saved by this command.");
                return;
            }
            if (File.Exists(target) && !Force)
            {
                _skipped++;
                WriteVerbose($"Skipping {item}: '{target}' is already complete (use -Force to download it again).");
                return;
            }
            if (!ShouldProcess(target, $"Download the {AudioNoun(item)} {item.Id}")) return;
            if (!PrepareFolder(item, target)) return;
            if (Force) TryDelete(RinkelClient.PartialPathFor(target));

            var task = _connection!.Client.DownloadAudioAsync(item.Kind, item.Id, target, Force,
                bytes => Interlocked.Add(ref _bytes, bytes), Observer, CancellationToken);
            _inFlight.Add(new Download(item, target, task));
            _queued++;
            while (_inFlight.Count >= _window) WriteFinished();
        }

        // Waits for whichever download ends first (not the oldest: one long file must not hold the window) and writes
        // every one that has ended.
        private void WriteFinished()
        {
            var any = Task.WhenAny(_inFlight.Select(d => (Task)d.Task));
            Await(any);
            foreach (var download in _inFlight.Where(d => d.Task.IsCompleted).ToList())
            {
                _inFlight.Remove(download);
                _done++;
                WriteResult(download);
            }
            WriteOverallProgress();
        }

        private void WriteResult(Download download)
        {
            var item = download.Item;
            try
            {
                var result = Await(download.Task);
                var file = PSObject.AsPSObject(new FileInfo(result.Path));
                file.Properties.Add(new PSNoteProperty("SourceId", item.SourceId ?? item.Id));
                file.Properties.Add(new PSNoteProperty("AudioKind", item.KindName));
                file.Properties.Add(new PSNoteProperty("AudioId", item.Id));
                WriteObject(file);
            }
            catch (RinkelApiException ex)
            {
                _failed++;
                var record = ErrorFor(ex, item.Source ?? item.Id);
                // The API refusing the key or the plan stops everything; anything about one file (no audio, a host that
                // failed, a URL refused twice) fails that file and lets the archive go on.
                if (FromApi(ex) && ErrorRecords.IsAccountWide(ex)) ThrowTerminatingError(record);
                WriteError(record);
            }
            catch (AudioFileException ex)
            {
                _failed++;
                WriteError(new ErrorRecord(ex, "RinkelAudioWriteFailed", ErrorCategory.WriteError, ex.Path));
            }
        }

        private bool FromApi(RinkelApiException ex) =>
            ex.RequestUri.AbsoluteUri.StartsWith(_connection!.BaseUri.AbsoluteUri, StringComparison.OrdinalIgnoreCase);

        private string ResolveFolder()
        {
            string folder;
            ProviderInfo provider;
            try
            {
                folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out provider, out _);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "RinkelAudioPathInvalid", ErrorCategory.InvalidArgument, Path));
                throw;
            }
            if (provider.ImplementingType != typeof(FileSystemProvider))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-Path '{Path}' is on the {provider.Name} provider; audio can only be saved to a file system folder."),
                    "RinkelAudioPathNotFileSystem", ErrorCategory.InvalidArgument, Path));
            }
            if (File.Exists(folder))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"-Path '{folder}' is a file; give the folder to save the audio in."),
                    "RinkelAudioPathIsFile", ErrorCategory.InvalidArgument, Path));
            }
            return folder;
        }

        // The folder is created with the first file actually written, so -WhatIf creates nothing.
        private bool PrepareFolder(AudioItem item, string target)
        {
            if (!_folderReady)
            {
                if (!Directory.Exists(_folder))
                {
                    try
                    {
                        Directory.CreateDirectory(_folder);
                        WriteVerbose($"Created the folder '{_folder}'.");
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
                    {
                        ThrowTerminatingError(new ErrorRecord(
                            new IOException($"The folder '{_folder}' does not exist and cannot be created: {ex.Message}", ex),
                            "RinkelAudioFolderNotCreated", ErrorCategory.WriteError, Path));
                    }
                }
                _folderReady = true;
            }
            var parent = System.IO.Path.GetDirectoryName(target);
            if (string.IsNullOrEmpty(parent) || Directory.Exists(parent)) return true;
            try
            {
                Directory.CreateDirectory(parent);
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                WriteError(new ErrorRecord(new IOException($"Cannot create the folder '{parent}' for {item}: {ex.Message}", ex),
                    "RinkelAudioFolderNotCreated", ErrorCategory.WriteError, parent));
                return false;
            }
        }

        private void WriteOverallProgress()
        {
            if (_queued == 0) return;
            var record = new ProgressRecord(ProgressId, ProgressActivity, string.Format(CultureInfo.CurrentCulture,
                "{0:N0} of {1:N0} files, {2:N1} MB", _done, _queued, Interlocked.Read(ref _bytes) / 1048576.0))
            {
                PercentComplete = (int)Math.Min(100, _done * 100L / _queued),
            };
            WriteProgress(record);
        }

        private static string AudioNoun(AudioItem item) => item.Kind switch
        {
            AudioKind.Recording => "recording",
            AudioKind.CallRecording => "call recording",
            _ => "voicemail",
        };

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The download then continues the old partial file; the server's range answer keeps it correct.
            }
        }

        private void StopProgressTimer()
        {
            _progressTimer?.Dispose();
            _progressTimer = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                StopProgressTimer();
                // Ctrl+C or a terminating error cancels what is in flight (the base class); their partial files stay
                // under the .partial name, and the next run continues them.
                foreach (var download in _inFlight)
                    download.Task.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                _inFlight.Clear();
            }
            base.Dispose(disposing);
        }

        private sealed class Download
        {
            public Download(AudioItem item, string target, Task<AudioDownloadResult> task)
            {
                Item = item;
                Target = target;
                Task = task;
            }

            public AudioItem Item { get; }
            public string Target { get; }
            public Task<AudioDownloadResult> Task { get; }
        }
    }
}
