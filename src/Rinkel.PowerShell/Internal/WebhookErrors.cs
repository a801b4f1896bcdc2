using System;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>What webhook failures mean for the user, beyond the status: the plan gate, an existing subscription, none.</summary>
    internal static class WebhookErrors
    {
        public static ErrorRecord For(RinkelApiException exception, string? @event, object? target)
        {
            var name = @event ?? "this event";
            if (exception.Kind == RinkelErrorKind.PermissionDenied)
            {
                var plan = Mentions(exception, "plan") || Mentions(exception, "integration")
                    ? "The Rinkel plan of this account does not include integrations, which webhooks need."
                    : "Rinkel refuses webhooks to accounts whose plan does not include integrations; that is the likely cause.";
                return With(ErrorRecords.FromApi(exception, target), exception.Message + " " + plan,
                    "Ask Rinkel (or the account's administrator) for a plan that includes integrations, then run the command again.");
            }
            if (exception.StatusCode == 409 || Mentions(exception, "already exist"))
            {
                return With(new ErrorRecord(exception, "RinkelWebhookExists", ErrorCategory.ResourceExists, target),
                    $"A webhook for {name} is already registered; an account has one per event. Use Set-RinkelWebhook to change it. ({exception.Message})",
                    $"Set-RinkelWebhook -Event {name} -Url <url>, or Unregister-RinkelWebhook -Event {name} and register again.");
            }
            if (exception.Kind == RinkelErrorKind.NotFound)
            {
                return With(ErrorRecords.FromApi(exception, target),
                    $"No webhook is registered for {name}. ({exception.Message})",
                    $"Register-RinkelWebhook -Event {name} -Url <url> adds one; Get-RinkelWebhook lists those there are.");
            }
            return ErrorRecords.FromApi(exception, target);
        }

        /// <summary>
        /// The plan, the key and throttling apply to every item of a pipeline, so a 403, a 401 or a 429 beyond the
        /// budget ends it; any other failure is that item's error and the pipeline goes on.
        /// </summary>
        public static bool IsPerItem(RinkelApiException exception) => !ErrorRecords.IsAccountWide(exception);

        /// <summary>A subscription the listing does not have: the error Get and Set give before any write.</summary>
        public static ErrorRecord NotRegistered(string @event, string hint) =>
            new ErrorRecord(new ItemNotFoundException($"No webhook is registered for {@event}. {hint}"), "RinkelWebhookNotFound", ErrorCategory.ObjectNotFound, @event);

        private static bool Mentions(RinkelApiException exception, string word) =>
            (exception.ApiMessage?.IndexOf(word, StringComparison.OrdinalIgnoreCase) ?? -1) >= 0 ||
            (exception.Detail?.IndexOf(word, StringComparison.OrdinalIgnoreCase) ?? -1) >= 0;

        private static ErrorRecord With(ErrorRecord record, string message, string action)
        {
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = action };
            return record;
        }
    }
}
