using System;
using System.Globalization;
using System.Management.Automation;
using Rinkel.Client;

namespace Rinkel.Internal.Audio
{
    /// <summary>One audio file to download, with what its file name is made of.</summary>
    internal sealed class AudioItem
    {
        public AudioItem(AudioKind kind, string id, object? source)
        {
            Kind = kind;
            Id = id;
            Source = source;
        }

        public AudioKind Kind { get; }

        /// <summary>The id the stream endpoint takes (the recording's, the call recording's or the voicemail's).</summary>
        public string Id { get; }

        /// <summary>The id of the object given (a call record's id for its recording or voicemail); else <see cref="Id"/>.</summary>
        public string? SourceId { get; set; }

        public DateTime? Date { get; set; }
        public string? Direction { get; set; }
        public string? ExternalNumber { get; set; }
        /// <summary>A recording's name.</summary>
        public string? Name { get; set; }

        /// <summary>The pipeline object, for a -FileName script block's $_.</summary>
        public object? Source { get; }

        /// <summary>recording, call-recording, voicemail: as in the file name and the AudioKind note property.</summary>
        public string KindName => Kind switch
        {
            AudioKind.Recording => "recording",
            AudioKind.CallRecording => "call-recording",
            _ => "voicemail",
        };

        public override string ToString() => KindName + " " + Id;
    }

    /// <summary>
    /// Works out what audio an object from the pipeline carries. Recognised, in order: a Rinkel.Recording; a call
    /// record (an object with a CallRecording and/or Voicemail that has an Id, as Get-RinkelCallRecord and
    /// Get-RinkelVoicemail return); a row with a RecordingId, CallRecordingId or VoicemailId; a row with an Id and
    /// an AudioKind (recording, call-recording or voicemail). Duck-typed on purpose: rows from Import-Csv and
    /// objects of other modules work as well as the module's own types.
    /// </summary>
    internal static class AudioItems
    {
        /// <summary>The audio of <paramref name="input"/>; empty when it is a record without audio (with the reason).</summary>
        /// <returns>Null when the object is not something audio can be found in.</returns>
        public static AudioItem[]? From(object input, out string? noAudio)
        {
            noAudio = null;
            var psObject = input as PSObject ?? PSObject.AsPSObject(input);
            var baseObject = psObject.BaseObject;
            if (baseObject is Recording recording)
            {
                if (string.IsNullOrEmpty(recording.Id)) return null;
                return new[] { new AudioItem(AudioKind.Recording, recording.Id!, input) { SourceId = recording.Id, Date = recording.Date, Name = recording.Name } };
            }
            if (baseObject is string) return null;

            var hasCallRecording = Has(psObject, "CallRecording");
            var hasVoicemail = Has(psObject, "Voicemail");
            if (hasCallRecording || hasVoicemail)
            {
                var recordingId = IdOf(Value(psObject, "CallRecording"));
                var voicemailId = IdOf(Value(psObject, "Voicemail"));
                var sourceId = Text(Value(psObject, "Id"));
                if (recordingId == null && voicemailId == null)
                {
                    noAudio = $"call record {sourceId ?? "(without id)"} has no call recording or voicemail";
                    return new AudioItem[0];
                }
                var items = new System.Collections.Generic.List<AudioItem>(2);
                if (recordingId != null) items.Add(CallItem(AudioKind.CallRecording, recordingId, psObject, sourceId, input));
                if (voicemailId != null) items.Add(CallItem(AudioKind.Voicemail, voicemailId, psObject, sourceId, input));
                return items.ToArray();
            }

            foreach (var (property, kind) in new[] { ("RecordingId", AudioKind.Recording), ("CallRecordingId", AudioKind.CallRecording), ("VoicemailId", AudioKind.Voicemail) })
            {
                if (Text(Value(psObject, property)) is string id)
                    return new[] { Describe(new AudioItem(kind, id, input) { SourceId = Text(Value(psObject, "Id")) ?? id }, psObject) };
            }

            if (Text(Value(psObject, "Id")) is string anyId && TryParseKind(Text(Value(psObject, "AudioKind")), out var namedKind))
                return new[] { Describe(new AudioItem(namedKind, anyId, input) { SourceId = anyId }, psObject) };
            return null;
        }

        public static bool TryParseKind(string? text, out AudioKind kind)
        {
            switch ((text ?? string.Empty).Replace("-", string.Empty).Replace("_", string.Empty).Trim().ToLowerInvariant())
            {
                case "recording":
                    kind = AudioKind.Recording;
                    return true;
                case "callrecording":
                    kind = AudioKind.CallRecording;
                    return true;
                case "voicemail":
                    kind = AudioKind.Voicemail;
                    return true;
                default:
                    kind = default;
                    return false;
            }
        }

        private static AudioItem CallItem(AudioKind kind, string id, PSObject record, string? sourceId, object input) =>
            Describe(new AudioItem(kind, id, input) { SourceId = sourceId ?? id }, record);

        // Whatever naming data the object carries: a call record's date, direction and other party, a recording's name.
        private static AudioItem Describe(AudioItem item, PSObject psObject)
        {
            item.Date = DateOf(Value(psObject, "Date"));
            item.Direction = Text(Value(psObject, "Direction"));
            item.ExternalNumber = NumberText(Value(psObject, "ExternalNumber"));
            item.Name = Text(Value(psObject, "Name"));
            return item;
        }

        // A call record's other party: its E.164 number, "anonymous", or whatever text it has (a CSV cell).
        private static string? NumberText(object? value)
        {
            if (value == null || Unwrap(value) is string) return Text(value);
            var number = PSObject.AsPSObject(value);
            if (Text(Value(number, "E164")) is string e164) return e164;
            if (Unwrap(Value(number, "Anonymous")) is bool anonymous && anonymous) return "anonymous";
            return Text(Value(number, "Localized")) ?? (number.BaseObject is PSCustomObject ? null : Text(value));
        }

        private static bool Has(PSObject psObject, string name) => psObject.Properties[name] != null;

        // Wrapped values stay wrapped: a [pscustomobject]'s properties live on its PSObject, not on its base object.
        private static object? Value(PSObject psObject, string name)
        {
            try
            {
                return psObject.Properties[name]?.Value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        private static string? IdOf(object? value)
        {
            if (value == null) return null;
            return Text(Value(PSObject.AsPSObject(value), "Id"));
        }

        private static string? Text(object? value)
        {
            var text = value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        private static DateTime? DateOf(object? value) => Unwrap(value) switch
        {
            DateTime date => date,
            DateTimeOffset offset => offset.LocalDateTime,
            string text when DateTime.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.None, out var parsed) => parsed,
            string text when DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var invariant) => invariant,
            _ => null,
        };
    }
}
