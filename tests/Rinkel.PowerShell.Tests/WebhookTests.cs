using System.Management.Automation;
using Rinkel.PowerShell.Tests.Infrastructure;
using Rinkel.Testing;

namespace Rinkel.PowerShell.Tests;

/// <summary>The webhook cmdlets through the engine against the fake API: what each sends, and what it never sends.</summary>
public sealed class WebhookTests(FakeApiFixture fixture) : ModuleTestBase(fixture)
{
    private const string EndUrl = "https://hooks.example.com/rinkel/end";

    private async Task<IReadOnlyList<FakeRequest>> WebhookRequestsAsync() =>
        (await Api.GetRequestsAsync()).Where(r => r.Path.StartsWith("/v1/webhooks", StringComparison.Ordinal)).ToList();

    private void Register(string @event = "callEnd", string url = EndUrl, string extra = "") =>
        Session.Run($"Register-RinkelWebhook -Event {@event} -Url '{url}' {extra}").ThrowIfFailed();

    // The module's types load from out/Rinkel in the session; the tests read them as a user's script would.
    private static PSObject Typed(PSObject webhook)
    {
        Assert.Equal("Rinkel.Webhook", webhook.BaseObject.GetType().FullName);
        return webhook;
    }

    private static object? Prop(PSObject o, string name) => o.Properties[name].Value;

    private async Task<FakeWebhookSubscription> SubscriptionAsync(string @event) =>
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks, w => w.Event == @event);

    [Fact]
    public async Task Register_sends_one_POST_and_writes_the_typed_subscription()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run($"Register-RinkelWebhook -Event callEnd -Url '{EndUrl}' -Description 'CRM call log'").ThrowIfFailed();

        var webhook = Typed(Assert.Single(result.Output));
        Assert.Equal("callEnd", Prop(webhook, "Event"));
        Assert.Equal(EndUrl, Prop(webhook, "Url"));
        Assert.Equal("application/json", Prop(webhook, "ContentType"));
        Assert.Equal(true, Prop(webhook, "Active"));
        Assert.Equal("CRM call log", Prop(webhook, "Description"));
        var request = Assert.Single(await WebhookRequestsAsync());
        Assert.Equal(("POST", "/v1/webhooks/callEnd", 201), (request.Method, request.Path, request.Status));
        var stored = await SubscriptionAsync("callEnd");
        Assert.Equal((EndUrl, "application/json", true, "CRM call log"), (stored.Url, stored.ContentType, stored.Active, stored.Description));
    }

    [Fact]
    public async Task Register_takes_Form_and_Disabled_and_spells_the_event_as_the_API_does()
    {
        Connect();
        await Api.ClearRequestsAsync();

        Register("CALLSTART", "https://hooks.example.com/start", "-ContentType form -Disabled");

        Assert.Equal("/v1/webhooks/callStart", Assert.Single(await WebhookRequestsAsync()).Path);
        var stored = await SubscriptionAsync("callStart");
        Assert.Equal(("application/x-www-form-urlencoded", false), (stored.ContentType, stored.Active));
    }

    [Theory]
    [InlineData("http://hooks.example.com/end", "uses http")]
    [InlineData("hooks/end", "not an absolute URL")]
    [InlineData("ftp://hooks.example.com/end", "uses ftp")]
    public async Task A_url_that_is_not_absolute_https_is_a_parameter_error_before_any_request(string url, string says)
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run("Register-RinkelWebhook -Event callEnd -Url $args[0]", url);

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("ParameterArgumentValidationError,Rinkel.Commands.RegisterRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains(says, error.ToString());
        Assert.Contains("https", error.ToString());
        Assert.Empty(await WebhookRequestsAsync());
    }

    [Fact]
    public async Task An_unknown_event_is_a_parameter_error_that_lists_the_events()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run($"Register-RinkelWebhook -Event callAnswered -Url '{EndUrl}'");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("ParameterArgumentValidationError,Rinkel.Commands.RegisterRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Contains("incomingCall,outgoingCall,callStart,callEnd,callInsights", error.ToString());
        Assert.Empty(await WebhookRequestsAsync());
    }

    [Theory]
    [InlineData("Register-RinkelWebhook -Event call", "callEnd,callInsights,callStart")]
    [InlineData("Unregister-RinkelWebhook ", "callEnd,callInsights,callStart,incomingCall,outgoingCall")]
    [InlineData("Set-RinkelWebhook -Event in", "incomingCall")]
    [InlineData("Get-RinkelWebhook -Event o", "outgoingCall")]
    [InlineData("Test-RinkelWebhook -Event callI", "callInsights")]
    [InlineData("Register-RinkelWebhook callEnd https://x.example -ContentType ", "Form,Json")]
    public void Events_and_content_types_complete_with_Tab(string line, string expected)
    {
        var result = Session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", line).ThrowIfFailed();

        Assert.Equal(expected, string.Join(",", result.Output.Select(o => o.ToString())));
    }

    [Fact]
    public async Task Registering_an_event_twice_points_to_Set_RinkelWebhook_and_keeps_the_first()
    {
        Connect();
        Register();

        var result = Session.Run("Register-RinkelWebhook -Event callEnd -Url https://other.example.com/end");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("RinkelWebhookExists,Rinkel.Commands.RegisterRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains("already registered", error.ToString());
        Assert.Contains("Use Set-RinkelWebhook", error.ToString());
        Assert.Contains("409", error.ToString());
        Assert.Equal("callEnd", error.TargetObject);
        Assert.Equal(EndUrl, (await SubscriptionAsync("callEnd")).Url);
    }

    [Fact]
    public async Task A_plan_without_integrations_is_a_PermissionDenied_error_that_says_so()
    {
        Connect();
        await Api.SetIntegrationsAsync(false);

        var register = Session.Run($"Register-RinkelWebhook -Event callEnd -Url '{EndUrl}'");
        var list = Session.Run("Get-RinkelWebhook");

        foreach (var (result, command) in new[] { (register, "RegisterRinkelWebhookCommand"), (list, "GetRinkelWebhookCommand") })
        {
            var error = Assert.Single(result.AllErrors);
            Assert.Same(result.Terminating, error);
            Assert.Equal("RinkelPermissionDenied,Rinkel.Commands." + command, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("403", error.ToString());
            Assert.Contains("plan of this account does not include integrations", error.ToString());
            Assert.Contains("integrations", error.ErrorDetails.RecommendedAction);
        }
        Assert.Empty((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task WhatIf_sends_nothing_and_names_the_event_and_the_url()
    {
        Connect();
        Register("callStart", "https://hooks.example.com/start");
        await Api.ClearRequestsAsync();
        Session.Host.ClearText();

        Session.Run($"Register-RinkelWebhook -Event callEnd -Url '{EndUrl}' -ContentType Form -WhatIf").ThrowIfFailed();
        Session.Run("Set-RinkelWebhook -Event callStart -Url https://hooks.example.com/start2 -Disabled -WhatIf").ThrowIfFailed();
        Session.Run("Unregister-RinkelWebhook -Event callStart -WhatIf").ThrowIfFailed();
        Session.Run("Test-RinkelWebhook -Event callStart -Url https://hooks.example.com/try -WhatIf").ThrowIfFailed();

        Assert.Empty(await WebhookRequestsAsync());
        var text = Session.Host.Text;
        Assert.Contains("What if: Performing the operation \"Register the webhook (Form, active)\" on target \"webhook for callEnd -> https://hooks.example.com/rinkel/end\".", text);
        Assert.Contains("What if: Performing the operation \"Change the webhook (url: https://hooks.example.com/start2; disabled)\" on target \"webhook for callStart\".", text);
        Assert.Contains("What if: Performing the operation \"Unregister the webhook\" on target \"webhook for callStart\".", text);
        Assert.Contains("What if: Performing the operation \"Send a test event\" on target \"webhook for callStart -> https://hooks.example.com/try\".", text);
        Assert.Equal("https://hooks.example.com/start", (await SubscriptionAsync("callStart")).Url);
    }

    [Fact]
    public async Task Piped_subscriptions_name_their_url_under_WhatIf_without_a_write()
    {
        Connect();
        Register();
        await Api.ClearRequestsAsync();
        Session.Host.ClearText();

        Session.Run("Get-RinkelWebhook | Unregister-RinkelWebhook -WhatIf").ThrowIfFailed();

        Assert.Contains($"on target \"webhook for callEnd -> {EndUrl}\".", Session.Host.Text);
        Assert.Equal(["GET"], (await WebhookRequestsAsync()).Select(r => r.Method));
    }

    [Fact]
    public async Task Unregister_asks_first_and_a_host_that_cannot_ask_deletes_nothing()
    {
        Connect();
        Register();
        await Api.ClearRequestsAsync();

        var result = Session.Run("Unregister-RinkelWebhook -Event callEnd");

        var error = Assert.Single(result.AllErrors);
        Assert.Same(result.Terminating, error);
        // The confirmation is asked of the host before anything is sent; a host that cannot ask ends the command.
        Assert.Equal("System.NotSupportedException,Rinkel.Commands.UnregisterRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Contains("cannot prompt", error.ToString());
        Assert.Empty(await WebhookRequestsAsync());
        Assert.Equal(EndUrl, (await SubscriptionAsync("callEnd")).Url);
    }

    [Fact]
    public async Task Unregister_deletes_once_the_prompt_naming_the_event_and_url_is_answered_yes()
    {
        Connect();
        Register();
        Session.Host.Choices.Enqueue(0);

        Session.Run("Get-RinkelWebhook -Event callEnd | Unregister-RinkelWebhook").ThrowIfFailed();

        var prompt = Assert.Single(Session.Host.ChoicePrompts);
        Assert.Contains($"webhook for callEnd -> {EndUrl}", prompt.Message);
        Assert.Contains("Unregister the webhook", prompt.Message);
        Assert.Empty((await Api.GetWebhooksAsync()).Webhooks);
        Assert.Contains(await WebhookRequestsAsync(), r => r is { Method: "DELETE", Path: "/v1/webhooks/callEnd", Status: 204 });
    }

    [Fact]
    public async Task Unregister_with_Confirm_false_deletes_by_event_and_by_rows_and_a_missing_one_does_not_stop_the_others()
    {
        Connect();
        Register();
        Register("callInsights", "https://hooks.example.com/insights");

        var result = Session.Run("Unregister-RinkelWebhook -Event callEnd, incomingCall -Confirm:$false; [pscustomobject]@{ Event = 'callInsights' } | Unregister-RinkelWebhook -Confirm:$false");

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Terminating);
        Assert.Equal("RinkelNotFound,Rinkel.Commands.UnregisterRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal("incomingCall", error.TargetObject);
        Assert.Contains("No webhook is registered for incomingCall", error.ToString());
        Assert.Empty((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public async Task Set_changes_only_what_is_given()
    {
        Connect();
        Register(extra: "-ContentType Form -Description 'CRM call log'");
        await Api.ClearRequestsAsync();

        var result = Session.Run("Set-RinkelWebhook -Event callEnd -Disabled -PassThru").ThrowIfFailed();

        Assert.Equal(false, Prop(Typed(Assert.Single(result.Output)), "Active"));
        var stored = await SubscriptionAsync("callEnd");
        Assert.Equal((EndUrl, "application/x-www-form-urlencoded", false, "CRM call log"), (stored.Url, stored.ContentType, stored.Active, stored.Description));
        Assert.Equal(["GET", "PUT"], (await WebhookRequestsAsync()).Select(r => r.Method));

        Session.Run("Set-RinkelWebhook callEnd -Description ''").ThrowIfFailed();
        Assert.Equal("", (await SubscriptionAsync("callEnd")).Description);
    }

    [Fact]
    public async Task Set_from_a_stale_piped_object_keeps_what_changed_since()
    {
        Connect();
        Register(extra: "-Description first");
        Session.Run("$global:stale = Get-RinkelWebhook -Event callEnd").ThrowIfFailed();
        Session.Run("Set-RinkelWebhook -Event callEnd -Description second").ThrowIfFailed();

        var result = Session.Run("$global:stale | Set-RinkelWebhook -Url https://hooks.example.com/v2/end").ThrowIfFailed();

        Assert.Empty(result.Output);
        var stored = await SubscriptionAsync("callEnd");
        Assert.Equal(("https://hooks.example.com/v2/end", "second"), (stored.Url, stored.Description));
    }

    [Fact]
    public async Task Set_of_an_event_without_a_subscription_points_to_Register_and_sends_no_PUT()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run("Set-RinkelWebhook -Event callEnd -Enabled");

        var error = Assert.Single(result.AllErrors);
        Assert.Equal("RinkelWebhookNotFound,Rinkel.Commands.SetRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Register-RinkelWebhook", error.ToString());
        Assert.DoesNotContain(await WebhookRequestsAsync(), r => r.Method == "PUT");
    }

    [Theory]
    [InlineData("Set-RinkelWebhook -Event callEnd", "RinkelWebhookNothingToChange")]
    [InlineData("Set-RinkelWebhook -Event callEnd -Enabled -Disabled", "RinkelWebhookEnabledAndDisabled")]
    public async Task Set_without_a_sensible_change_is_an_argument_error_before_any_request(string script, string id)
    {
        Connect();
        await Api.ClearRequestsAsync();

        var error = Assert.Single(Session.Run(script).AllErrors);

        Assert.Equal(id + ",Rinkel.Commands.SetRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(await WebhookRequestsAsync());
    }

    [Fact]
    public async Task Set_is_retried_like_a_read_when_the_API_is_briefly_unavailable()
    {
        Connect();
        Register();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Status(503, path: "/v1/webhooks/callEnd"));

        Session.Run("Set-RinkelWebhook -Event callEnd -Disabled").ThrowIfFailed();

        Assert.Equal(["GET", "PUT", "PUT"], (await WebhookRequestsAsync()).Select(r => r.Method));
        Assert.False((await SubscriptionAsync("callEnd")).Active);
    }

    [Fact]
    public async Task Test_sends_to_the_registered_url_or_to_the_one_given()
    {
        Connect();
        Register(extra: "-ContentType Form");

        Session.Run("Test-RinkelWebhook -Event callEnd").ThrowIfFailed();
        Session.Run("Test-RinkelWebhook -Event callStart -Url https://hooks.example.com/try").ThrowIfFailed();
        var missing = Session.Run("Test-RinkelWebhook -Event incomingCall");

        var tests = (await Api.GetWebhooksAsync()).Tests;
        Assert.Equal(
            [("callEnd", EndUrl, "application/x-www-form-urlencoded"), ("callStart", "https://hooks.example.com/try", "application/json")],
            tests.Select(t => (t.Event, t.Url, t.ContentType)));
        var error = Assert.Single(missing.AllErrors);
        Assert.Equal("RinkelWebhookNotFound,Rinkel.Commands.TestRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-Url", error.ToString());
    }

    [Fact]
    public async Task A_register_whose_answer_was_lost_after_it_was_carried_out_is_checked_and_not_sent_again()
    {
        Connect();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Drop(path: "/v1/webhooks/callEnd") with { Commit = true });

        var result = Session.Run($"Register-RinkelWebhook -Event callEnd -Url '{EndUrl}'").ThrowIfFailed();

        Assert.Equal(EndUrl, Prop(Typed(Assert.Single(result.Output)), "Url"));
        Assert.Equal([("POST", 0), ("GET", 200)], (await WebhookRequestsAsync()).Select(r => (r.Method, r.Status)));
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
        Assert.Contains(result.Warnings, w => w.Contains("a check found it was carried out; it was not sent again"));
    }

    [Fact]
    public async Task A_register_whose_answer_was_lost_before_it_was_carried_out_is_sent_again_after_the_check()
    {
        Connect();
        await Api.ClearRequestsAsync();
        await Api.AddFaultsAsync(FakeFault.Drop(path: "/v1/webhooks/callEnd"));

        var result = Session.Run($"Register-RinkelWebhook -Event callEnd -Url '{EndUrl}' -Verbose").ThrowIfFailed();

        Assert.Single(result.Output);
        Assert.Equal([("POST", 0), ("GET", 200), ("POST", 201)], (await WebhookRequestsAsync()).Select(r => (r.Method, r.Status)));
        Assert.Contains(result.Verbose, v => v.StartsWith("Retrying POST ") && v.Contains("a check found it was not carried out"));
        Assert.Single((await Api.GetWebhooksAsync()).Webhooks);
    }

    [Fact]
    public void The_table_shows_event_active_url_content_type_and_description()
    {
        Connect();
        Register(extra: "-Description 'CRM call log'");
        Register("incomingCall", "https://hooks.example.com/in", "-ContentType Form -Disabled");
        Session.Host.ClearText();

        Session.Run("Get-RinkelWebhook | Out-Host").ThrowIfFailed();

        var lines = Session.Host.Text.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        Assert.Matches(@"^Event\s+Active\s+Url\s+ContentType\s+Description\s*$", lines[0]);
        Assert.Matches(@"^incomingCall\s+False\s+https://hooks\.example\.com/in\s+application/x-www-form-urlencoded\s*$", lines[2]);
        Assert.Matches(@"^callEnd\s+True\s+https://hooks\.example\.com/rinkel/end\s+application/json\s+CRM call log\s*$", lines[3]);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"wider than 120: '{l}'"));
    }

    [Fact]
    public async Task Get_with_events_writes_those_and_an_error_for_each_without_a_subscription()
    {
        Connect();
        Register();
        await Api.ClearRequestsAsync();

        var result = Session.Run("Get-RinkelWebhook -Event callend, callStart");

        Assert.Equal("callEnd", Prop(Typed(Assert.Single(result.Output)), "Event"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("RinkelWebhookNotFound,Rinkel.Commands.GetRinkelWebhookCommand", error.FullyQualifiedErrorId);
        Assert.Equal("callStart", error.TargetObject);
        Assert.Single(await WebhookRequestsAsync());
    }

    [Fact]
    public async Task Webhooks_piped_from_one_account_register_in_another_unchanged()
    {
        await using var other = await FakeRinkelApi.StartAsync(new FakeApiOptions());
        Connect();
        Register(extra: "-ContentType Form -Description 'CRM call log' -Disabled");
        Session.Run("$global:target = Connect-Rinkel -ApiKey $args[0] -BaseUri $args[1] -PassThru", FakeApiFixture.Secure(other.ApiKey), other.BaseUri).ThrowIfFailed();
        Connect();

        Session.Run("Get-RinkelWebhook | Register-RinkelWebhook -Connection $global:target").ThrowIfFailed();

        var copied = Assert.Single((await other.GetWebhooksAsync()).Webhooks);
        Assert.Equal(("callEnd", EndUrl, "application/x-www-form-urlencoded", "CRM call log"), (copied.Event, copied.Url, copied.ContentType, copied.Description));
    }

    [Fact]
    public async Task The_journey_register_list_change_test_unregister()
    {
        Connect();
        await Api.ClearRequestsAsync();

        var result = Session.Run($$"""
            $created = Register-RinkelWebhook -Event callEnd -Url '{{EndUrl}}' -Description 'CRM'
            $listed = @(Get-RinkelWebhook)
            $changed = $listed | Where-Object Event -eq 'callEnd' | Set-RinkelWebhook -Url https://hooks.example.com/v2/end -PassThru
            Test-RinkelWebhook -Event callEnd
            $changed | Unregister-RinkelWebhook -Confirm:$false
            $after = @(Get-RinkelWebhook)
            [pscustomobject]@{ Created = $created.Url; Listed = $listed.Count; Changed = $changed.Url; Description = $changed.Description; After = $after.Count
                Typed = ($created -is [Rinkel.Webhook]) -and ($listed[0] -is [Rinkel.Webhook]) -and ($changed -is [Rinkel.Webhook]) }
            """).ThrowIfFailed();

        var summary = Assert.Single(result.Output);
        Assert.Equal(EndUrl, summary.Properties["Created"].Value);
        Assert.Equal(1, summary.Properties["Listed"].Value);
        Assert.Equal("https://hooks.example.com/v2/end", summary.Properties["Changed"].Value);
        Assert.Equal("CRM", summary.Properties["Description"].Value);
        Assert.Equal(0, summary.Properties["After"].Value);
        Assert.Equal(true, summary.Properties["Typed"].Value);
        var test = Assert.Single((await Api.GetWebhooksAsync()).Tests);
        Assert.Equal(("callEnd", "https://hooks.example.com/v2/end"), (test.Event, test.Url));
        Assert.Equal(
            [("POST", "/v1/webhooks/callEnd", 201), ("GET", "/v1/webhooks", 200), ("GET", "/v1/webhooks", 200), ("PUT", "/v1/webhooks/callEnd", 200),
             ("GET", "/v1/webhooks", 200), ("POST", "/v1/webhooks/callEnd/test", 204), ("DELETE", "/v1/webhooks/callEnd", 204), ("GET", "/v1/webhooks", 200)],
            (await WebhookRequestsAsync()).Select(r => (r.Method, r.Path, r.Status)));
    }
}
