namespace Rinkel.Client.Json
{
    // Wire shapes of the call-record endpoints; callers see records, not envelopes.
    internal sealed class VoicemailCountEnvelope
    {
        public VoicemailCount? Data { get; set; }
    }

    internal sealed class VoicemailCount
    {
        public long? Count { get; set; }
    }
}
