using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Threading;
using Rinkel.Client;

namespace Rinkel.Internal
{
    /// <summary>
    /// Collects what the client reports from its worker threads and replays it on the pipeline thread, the only
    /// thread allowed to call WriteVerbose, WriteDebug, WriteWarning and WriteProgress.
    /// </summary>
    internal sealed class CmdletObserver : IRinkelObserver, IRinkelWaitObserver
    {
        private const int ProgressActivityId = 0x52494e; // stable per cmdlet invocation, distinct from other modules' 0
        private const int WaitActivityId = ProgressActivityId + 1;
        private const string WaitActivity = "Waiting for the Rinkel API";
        private readonly BlockingCollection<Action<PSCmdlet>> _messages = new BlockingCollection<Action<PSCmdlet>>();
        private readonly string _progressActivity;
        private bool _progressShown;
        private string? _announcedWait;

        /// <summary>What the progress line counts ("users", "call records"); the listing being written sets it.</summary>
        public string ProgressNoun { get; set; } = "items";

        public CmdletObserver(string progressActivity)
        {
            _progressActivity = progressActivity;
        }

        public void OnRequestCompleted(RequestTrace trace) => _messages.Add(cmdlet =>
        {
            cmdlet.WriteVerbose(Describe(trace));
            if (trace.ResponseHeaders.Count > 0 && IsDebugging(cmdlet))
            {
                var sb = new StringBuilder();
                sb.Append("Response ").Append(trace.StatusCode).Append(", ")
                  .Append(trace.ContentLength is long length ? length.ToString("N0", CultureInfo.InvariantCulture) + " bytes" : "length not given")
                  .Append(':');
                foreach (var header in trace.ResponseHeaders) sb.Append("\n  ").Append(header.Key).Append(": ").Append(header.Value);
                cmdlet.WriteDebug(sb.ToString());
            }
        });

        public void OnRetryScheduled(RetryTrace trace) => _messages.Add(cmdlet => cmdlet.WriteVerbose(string.Format(
            CultureInfo.InvariantCulture,
            "Retrying {0} {1} in {2:0.0} s{3}: attempt {4} of {5} got {6}.",
            trace.Method, trace.Uri, trace.Delay.TotalSeconds, trace.FromRetryAfter ? " (as Retry-After asked)" : string.Empty,
            trace.FailedAttempt, trace.MaxAttempts, trace.Reason)));

        /// <summary>
        /// A wait of a second or more is a progress record counting down, so it never looks like a hang; a wait this
        /// command did not cause (the connection is throttled) is also a verbose line, once per throttle.
        /// </summary>
        public void OnWaiting(WaitTrace trace) => _messages.Add(cmdlet =>
        {
            if (trace.Ended)
            {
                cmdlet.WriteProgress(new ProgressRecord(WaitActivityId, WaitActivity, "Done") { RecordType = ProgressRecordType.Completed });
                return;
            }
            var seconds = (int)Math.Ceiling(trace.Remaining.TotalSeconds);
            if (trace.Inherited && trace.Reason != _announcedWait)
            {
                _announcedWait = trace.Reason;
                cmdlet.WriteVerbose(string.Format(CultureInfo.InvariantCulture,
                    "Waiting {0:0.0} s before {1} {2}: the API throttled this connection ({3}), and every request on it waits until then.",
                    trace.Remaining.TotalSeconds, trace.Method, trace.Uri, trace.Reason));
            }
            var status = trace.Inherited
                ? string.Format(CultureInfo.CurrentCulture, "This connection is throttled by the API: {0} s left", seconds)
                : string.Format(CultureInfo.CurrentCulture, "Retrying after {0}: {1} s left", trace.Reason, seconds);
            cmdlet.WriteProgress(new ProgressRecord(WaitActivityId, WaitActivity, status)
            {
                SecondsRemaining = seconds,
                CurrentOperation = trace.Method + " " + trace.Uri,
            });
        });

        // Warnings can quote what the API returned (ids, counts): the same cleaner as every other server text.
        public void OnWarning(string message) => _messages.Add(cmdlet => cmdlet.WriteWarning(ServerText.Neutralize(message)));

        public void OnListingProgress(long received, long? total) => _messages.Add(cmdlet =>
        {
            var record = new ProgressRecord(ProgressActivityId, _progressActivity,
                total is long t
                    ? string.Format(CultureInfo.CurrentCulture, "{0:N0} of {1:N0} {2}", received, t, ProgressNoun)
                    : string.Format(CultureInfo.CurrentCulture, "{0:N0} {1}", received, ProgressNoun));
            if (total is long all && all > 0) record.PercentComplete = (int)Math.Min(100, received * 100 / all);
            cmdlet.WriteProgress(record);
            _progressShown = true;
        });

        /// <summary>
        /// Runs queued messages on the calling (pipeline) thread until <paramref name="task"/> has finished, so
        /// verbose lines and warnings appear while the work is still running.
        /// </summary>
        public void PumpUntil(System.Threading.Tasks.Task task, PSCmdlet cmdlet, CancellationToken cancellationToken)
        {
            Action<PSCmdlet> finished = _ => { };
            task.ContinueWith(_ => _messages.Add(finished), CancellationToken.None,
                System.Threading.Tasks.TaskContinuationOptions.ExecuteSynchronously, System.Threading.Tasks.TaskScheduler.Default);
            while (true)
            {
                var message = _messages.Take(cancellationToken);
                if (ReferenceEquals(message, finished)) return;
                message(cmdlet);
            }
        }

        /// <summary>Queues work for the pipeline thread (e.g. a progress update from a timer), run by the next pump or flush.</summary>
        public void Post(Action<PSCmdlet> action) => _messages.Add(action);

        /// <summary>Writes whatever is queued now without waiting.</summary>
        public void Flush(PSCmdlet cmdlet)
        {
            while (_messages.TryTake(out var message)) message(cmdlet);
        }

        public void CompleteProgress(PSCmdlet cmdlet)
        {
            if (!_progressShown) return;
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, _progressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            _progressShown = false;
        }

        private static string Describe(RequestTrace trace)
        {
            var outcome = trace.StatusCode is int status
                ? status.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(trace.ReasonPhrase) ? string.Empty : " " + trace.ReasonPhrase)
                : "no response (" + trace.Failure + ")";
            return string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} in {3:0} ms{4}",
                trace.Method, trace.Uri, outcome, trace.Elapsed.TotalMilliseconds,
                trace.Attempt > 1 ? " (attempt " + trace.Attempt + ")" : string.Empty);
        }

        private static bool IsDebugging(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var debug))
                return debug is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(debug);
            var preference = cmdlet.SessionState.PSVariable.GetValue("DebugPreference");
            return preference is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;
        }
    }
}
