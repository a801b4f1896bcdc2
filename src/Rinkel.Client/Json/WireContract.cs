using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Rinkel.Client.Json
{
    /// <summary>
    /// The serializer contracts the client reads with: the source-generated <see cref="RinkelJsonContext"/> plus the
    /// wire names that differ from the models' property names. The models live in the dependency-free Rinkel.Models
    /// assembly (loaded where PowerShell resolves <c>[Rinkel.User]</c>), so they cannot carry System.Text.Json
    /// attributes; the renames are applied here as a contract modifier instead.
    /// </summary>
    internal static class WireContract
    {
        private static readonly JsonSerializerOptions Options = CreateOptions();

        public static JsonTypeInfo<ListPage<User>> UserPage { get; } = Get<ListPage<User>>();

        public static JsonTypeInfo<User> User { get; } = Get<User>();

        public static JsonTypeInfo<ErrorBody> ErrorBody { get; } = Get<ErrorBody>();

        public static JsonTypeInfo<ListPage<Webhook>> WebhookPage { get; } = Get<ListPage<Webhook>>();

        public static JsonTypeInfo<Webhook> Webhook { get; } = Get<Webhook>();

        public static JsonTypeInfo<WebhookBody> WebhookBody { get; } = Get<WebhookBody>();

        public static JsonTypeInfo<ListPage<Number>> NumberPage { get; } = Get<ListPage<Number>>();

        public static JsonTypeInfo<Number> Number { get; } = Get<Number>();

        public static JsonTypeInfo<ListPage<Recording>> RecordingPage { get; } = Get<ListPage<Recording>>();

        public static JsonTypeInfo<Recording> Recording { get; } = Get<Recording>();

        public static JsonTypeInfo<AudioUrlEnvelope> AudioUrlEnvelope { get; } = Get<AudioUrlEnvelope>();

        public static JsonTypeInfo<ListPage<CallRecord>> CallRecordPage { get; } = Get<ListPage<CallRecord>>();

        public static JsonTypeInfo<CallRecord> CallRecord { get; } = Get<CallRecord>();

        public static JsonTypeInfo<VoicemailCountEnvelope> VoicemailCountEnvelope { get; } = Get<VoicemailCountEnvelope>();

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions(RinkelJsonContext.Default.Options)
            {
                TypeInfoResolver = RinkelJsonContext.Default.WithAddedModifier(RenameWireProperties),
            };
            // Value types the models define without serializer attributes: timestamps become local DateTime values
            // (comparable with Get-Date), durations CallDuration values, recording lengths in seconds TimeSpan values,
            // a number's dial plan typed parts plus its text.
            options.Converters.Add(new LocalDateTimeConverter());
            options.Converters.Add(new CallDurationConverter());
            options.Converters.Add(new SecondsConverter());
            options.Converters.Add(new DialPlanConverter());
            options.MakeReadOnly();
            return options;
        }

        /// <summary>The contract for any type the context generates, with the wire renames applied.</summary>
        internal static JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

        private static void RenameWireProperties(JsonTypeInfo type)
        {
            if (type.Type == typeof(WebphonePreferences)) Rename(type, nameof(WebphonePreferences.MusicOnHold), "mohConfig");
            if (type.Type == typeof(Number)) Rename(type, nameof(Rinkel.Number.PhoneNumber), "number");
        }

        private static void Rename(JsonTypeInfo type, string member, string wireName)
        {
            // The generated contract names each property by the context's camel-case policy.
            var generated = JsonNamingPolicy.CamelCase.ConvertName(member);
            foreach (var property in type.Properties)
            {
                if (property.Name == generated)
                {
                    property.Name = wireName;
                    return;
                }
            }
            throw new InvalidOperationException($"{type.Type.Name} has no property {member} to read from \"{wireName}\".");
        }
    }
}
