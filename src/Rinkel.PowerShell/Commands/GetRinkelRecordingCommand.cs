using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Lists the uploaded audio (greetings, voice menus, music on hold) in the order the API sorts it, or gets
    /// recordings by id from the pipeline. Pipe them to Save-RinkelAudio to download the audio.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RinkelRecording", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Recording))]
    public sealed class GetRinkelRecordingCommand : RinkelApiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        private Connection? _connection;
        private IdFanOut<Recording>? _byId;

        /// <summary>
        /// Recording ids. By property name this takes Id, RecordingId (a dial plan's announcement or greeting) and
        /// AnnouncementRecordingId (a dial plan's call-recording notice).
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RecordingId", "AnnouncementRecordingId")]
        [ValidateNotNullOrEmpty]
        [ValidateResourceId("recording")]
        public string[]? Id { get; set; }

        /// <summary>The API sorts (so paging stays consistent): by date (its default), duration, name or description.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Date", "Duration", "Name", "Description", IgnoreCase = true)]
        public string? Sort { get; set; }

        /// <summary>Largest, newest or last first. Without -Sort and -Descending the API's own order is kept.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Descending { get; set; }

        protected override string ProgressActivity => "Listing Rinkel recordings";

        protected override void BeginProcessing()
        {
            var connection = _connection = ResolveConnection();
            if (ParameterSetName == IdSet)
                _byId = StartFanOut(connection, (id, cancellationToken) => connection.Client.GetAsync(RinkelResources.Recordings, id, Observer, cancellationToken));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id!) _byId!.Add(id);
                Observer.Flush(this);
                return;
            }

            // Like Sort-Object: ascending unless -Descending; nothing sent when neither is given.
            var options = new ListRecordingsOptions
            {
                Sort = Sort?.ToLowerInvariant(),
                Descending = Sort != null || Descending.IsPresent ? Descending.IsPresent : (bool?)null,
            };
            ApplyPaging(options);
            using (var listing = _connection!.Client.List(RinkelResources.Recordings, options, Observer))
                WriteListing(listing);
        }

        protected override void EndProcessing()
        {
            _byId?.Complete();
            base.EndProcessing();
        }
    }
}
