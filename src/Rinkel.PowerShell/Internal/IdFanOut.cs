using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Rinkel.Client;
using Rinkel.Commands;

namespace Rinkel.Internal
{
    /// <summary>
    /// Gets items by id for a cmdlet that takes ids from the pipeline: requests run ahead of the output within a
    /// window, results leave in input order, and -Skip/-First count ids so a skipped or surplus id is never requested.
    /// Every "-Id" cmdlet of every resource uses this rather than its own queue.
    /// </summary>
    internal sealed class IdFanOut<T> : IDisposable where T : class
    {
        private readonly RinkelCmdlet _cmdlet;
        private readonly int _window;
        private readonly Func<string, CancellationToken, Task<T>> _get;
        private readonly Queue<KeyValuePair<string, Task<T>>> _inFlight = new Queue<KeyValuePair<string, Task<T>>>();
        private readonly PagingParameters? _paging;
        private ulong _idsSeen;
        private ulong _idsRequested;

        /// <param name="cmdlet">The cmdlet whose pipeline receives the items and errors.</param>
        /// <param name="window">Requests in flight at most (the connection's MaxConcurrentRequests).</param>
        /// <param name="get">Gets one item; the token is the cmdlet's, cancelled by Ctrl+C.</param>
        public IdFanOut(RinkelCmdlet cmdlet, int window, Func<string, CancellationToken, Task<T>> get)
        {
            _cmdlet = cmdlet;
            _window = Math.Max(1, window);
            _get = get;
            _paging = cmdlet.PagingParameters;
        }

        /// <summary>Requests <paramref name="id"/>, writing the oldest results while the window is full.</summary>
        public void Add(string id)
        {
            _idsSeen++;
            if (_paging != null && (_idsSeen <= _paging.Skip || _idsRequested >= _paging.First)) return;
            _idsRequested++;
            _inFlight.Enqueue(new KeyValuePair<string, Task<T>>(id, _get(id, _cmdlet.CancellationToken)));
            while (_inFlight.Count >= _window) WriteNext();
        }

        /// <summary>Writes what is still in flight; with -IncludeTotalCount, the total is the number of ids given.</summary>
        public void Complete()
        {
            while (_inFlight.Count > 0) WriteNext();
            if (_paging != null && _paging.IncludeTotalCount)
                _cmdlet.WriteObject(_paging.NewTotalCount(_idsSeen, 1.0));
        }

        private void WriteNext()
        {
            var next = _inFlight.Dequeue();
            try
            {
                _cmdlet.WriteObject(_cmdlet.Await(next.Value));
            }
            catch (RinkelApiException ex) when (ErrorRecords.IsPerItem(ex))
            {
                _cmdlet.WriteError(_cmdlet.ErrorFor(ex, next.Key));
            }
            catch (RinkelApiException ex)
            {
                _cmdlet.ThrowTerminatingError(_cmdlet.ErrorFor(ex, next.Key));
            }
        }

        // A terminating error or Ctrl+C can leave requests in flight: the cmdlet cancels them; observe their outcome.
        public void Dispose()
        {
            while (_inFlight.Count > 0)
                _inFlight.Dequeue().Value.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
