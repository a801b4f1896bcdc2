using System.Management.Automation;
using Rinkel.Client;
using Rinkel.Internal;

namespace Rinkel.Commands
{
    /// <summary>
    /// Lists every Rinkel user (paging transparently), or gets users by id from the pipeline.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RinkelUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(User))]
    public sealed class GetRinkelUserCommand : RinkelApiCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";

        private Connection? _connection;
        private IdFanOut<User>? _byId;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        [IdArgument("UserId")]
        [ValidateNotNullOrEmpty]
        [ValidateUserId]
        [ArgumentCompleter(typeof(UserIdCompleter))]
        public string[]? Id { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeAvatars { get; set; }

        protected override string ProgressActivity => "Listing Rinkel users";

        protected override void BeginProcessing()
        {
            var connection = _connection = ResolveConnection();
            if (ParameterSetName == IdSet)
                _byId = StartFanOut(connection, (id, cancellationToken) => connection.Client.GetUserAsync(id, Observer, cancellationToken));
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                var options = new ListUsersOptions { IncludeAvatars = IncludeAvatars };
                ApplyPaging(options);
                using (var listing = _connection!.Client.ListUsers(options, Observer))
                    WriteListing(listing);
                return;
            }
            foreach (var id in Id!) _byId!.Add(id);
            Observer.Flush(this);
        }

        protected override void EndProcessing()
        {
            _byId?.Complete();
            base.EndProcessing();
        }
    }
}
