using System.Collections.Generic;

namespace Rinkel.Client.Json
{
    // Wire shapes of the call-record endpoints; callers see records, not envelopes.
    internal sealed class CallRecordPage
    {
        public List<CallRecord>? Data { get; set; }
        public PageMeta? Meta { get; set; }
    }

    internal sealed class CallRecordEnvelope
    {
        public CallRecord? Data { get; set; }
    }

    internal sealed class VoicemailCountEnvelope
    {
        public VoicemailCount? Data { get; set; }
    }

    internal sealed class VoicemailCount
    {
        public long? Count { get; set; }
    }
}
