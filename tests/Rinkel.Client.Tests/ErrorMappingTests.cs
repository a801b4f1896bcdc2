using static Rinkel.Client.Tests.Clients;

namespace Rinkel.Client.Tests;

public sealed class ErrorMappingTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private FakeRinkelApi Api => fixture.Api;

    public Task InitializeAsync() => Api.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<int, RinkelErrorKind, string, string> Statuses => new()
    {
        { 400, RinkelErrorKind.InvalidRequest, "BAD_REQUEST", "Bad Request" },
        { 401, RinkelErrorKind.Authentication, "UNAUTHORIZED", "Unauthorized" },
        { 403, RinkelErrorKind.PermissionDenied, "FORBIDDEN", "Forbidden" },
        { 404, RinkelErrorKind.NotFound, "NOT_FOUND", "Not Found" },
        { 500, RinkelErrorKind.ServerError, "INTERNAL_SERVER_ERROR", "Internal Server Error" },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Documented_error_body_is_mapped_to_kind_code_message_and_detail(int status, RinkelErrorKind kind, string code, string message)
    {
        await Api.AddFaultsAsync(FakeFault.Status(status, path: "/v1/users/*"));
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ApiMessage);
        Assert.Equal($"Injected fault: HTTP {status}.", error.Detail);
        Assert.Equal(1, error.Attempts);
        Assert.Equal("GET", error.Method);
        Assert.Equal(
            $"GET {Api.BaseUri}/users/{Id(1)} failed with {status} {message}: {message} ({code}). Injected fault: HTTP {status}.",
            error.Message);
        // None of these is retried: the same request would get the same answer.
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Empty_error_body_falls_back_to_the_status(int status, RinkelErrorKind kind, string code, string message)
    {
        _ = code;
        await Api.AddFaultsAsync(FakeFault.RawBody(status, "", path: "/v1/users/*"));
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Null(error.ApiMessage);
        Assert.Null(error.Detail);
        Assert.Equal($"GET {Api.BaseUri}/users/{Id(1)} failed with {status} {message}.", error.Message);
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Theory]
    [InlineData(400, "text/plain", "Bad things happened")]
    [InlineData(401, "text/html", "<html><body><h1>401 Authorization Required</h1></body></html>")]
    [InlineData(403, "application/json", "{\"error\": \"forbidden\"}")]
    [InlineData(404, "application/json", "{\"errors\": \"not an array\"}")]
    [InlineData(500, "application/json", "{\"errors\": [{\"code\": 42, \"message\": [1]}]}")]
    [InlineData(500, "application/json", "{\"errors\": [")]
    public async Task Non_JSON_or_odd_error_bodies_fall_back_to_the_status(int status, string contentType, string body)
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(status, body, contentType, path: "/v1/users/*"));
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.NotNull(error);
        Assert.Equal(status, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.Null(error.ApiMessage);
        Assert.StartsWith($"GET {Api.BaseUri}/users/{Id(1)} failed with {status} ", error.Message);
        Assert.DoesNotContain("Exception", error.Message);
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Fact]
    public async Task A_rejected_key_is_an_Authentication_error_with_the_API_detail()
    {
        using var client = Create(Api, key: "not-the-key");

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.Equal(RinkelErrorKind.Authentication, error?.Kind);
        Assert.Equal("UNAUTHORIZED", error!.ErrorCode);
        Assert.Equal("Invalid API key.", error.Detail);
        Assert.DoesNotContain("not-the-key", error.ToString());
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_is_an_invalid_response()
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(302, "", path: "/v1/users/*"));
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, Id(1));

        Assert.Equal(RinkelErrorKind.InvalidResponse, error?.Kind);
        Assert.Contains("redirect", error!.Message);
        Assert.Single(await Api.GetRequestsAsync());
    }

    [Fact]
    public async Task Control_characters_in_API_messages_are_neutralised()
    {
        await Api.AddFaultsAsync(FakeFault.RawBody(400, "{\"errors\":[{\"code\":\"BAD\",\"message\":\"line1\\u001b[2J\\r\\nline2\",\"detail\":\"d\"}]}", path: "/v1/users/*"));
        using var client = Create(Api);

        var (_, error, _) = await GetAsync(client, Id(1));

        // The escape is shown for what it is rather than dropped: the admin sees that the server sent one.
        Assert.Equal("line1\\x1B[2J  line2", error!.ApiMessage);
        Assert.DoesNotContain('\u001b', error.Message);
    }
}
