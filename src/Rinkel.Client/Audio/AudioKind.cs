namespace Rinkel.Client
{
    /// <summary>The audio the API can hand out a temporary URL for.</summary>
    public enum AudioKind
    {
        /// <summary>Uploaded audio: <c>GET /recordings/{id}/stream</c>.</summary>
        Recording,
        /// <summary>A recorded call: <c>GET /call-recordings/{id}/stream</c>.</summary>
        CallRecording,
        /// <summary>A voicemail message: <c>GET /voicemails/{id}/stream</c>.</summary>
        Voicemail,
    }

    internal static class AudioKinds
    {
        public static string StreamPath(AudioKind kind) => kind switch
        {
            AudioKind.Recording => "recordings",
            AudioKind.CallRecording => "call-recordings",
            _ => "voicemails",
        };

        public static string Noun(AudioKind kind) => kind switch
        {
            AudioKind.Recording => "recording",
            AudioKind.CallRecording => "call recording",
            _ => "voicemail",
        };
    }
}
