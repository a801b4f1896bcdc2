using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Base of the cmdlets that call the API: runs the client's async calls while replaying its
    /// verbose/warning/progress messages on the pipeline thread, and cancels everything on Ctrl+C.
    /// </summary>
    public abstract class RinkelCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private CmdletObserver? _observer;

        protected internal CancellationToken CancellationToken => _stopping.Token;

        internal CmdletObserver Observer => _observer ??= new CmdletObserver(ProgressActivity);

        /// <summary>The activity name shown by Write-Progress.</summary>
        protected virtual string ProgressActivity => MyInvocation.MyCommand.Name;

        /// <summary>Waits for <paramref name="task"/> on the pipeline thread, writing the client's messages meanwhile.</summary>
        protected internal T Await<T>(Task<T> task)
        {
            Wait(task);
            return task.GetAwaiter().GetResult();
        }

        /// <summary>As <see cref="Await{T}(Task{T})"/>, for a task without a result.</summary>
        protected internal void Await(Task task)
        {
            Wait(task);
            task.GetAwaiter().GetResult();
        }

        private void Wait(Task task)
        {
            try
            {
                if (!task.IsCompleted) Observer.PumpUntil(task, this, _stopping.Token);
                Observer.Flush(this);
                if (_stopping.IsCancellationRequested) throw new PipelineStoppedException();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Turns a failed API call into an error record for this cmdlet.</summary>
        internal ErrorRecord ErrorFor(RinkelApiException exception, object? target) => ErrorRecords.FromApi(exception, target);

        protected override void EndProcessing()
        {
            Observer.Flush(this);
            Observer.CompleteProgress(this);
        }

        protected override void StopProcessing() => StopInFlight();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposing) return;
            StopInFlight();
            _stopping.Dispose();
        }

        /// <summary>Cancels every request this invocation started.</summary>
        private void StopInFlight()
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already disposed: nothing is in flight any more.
            }
        }
    }
}
