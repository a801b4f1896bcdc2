using System.Globalization;
using System.Net;
using Rinkel.Client.Http;

namespace Rinkel.Client.Tests;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static TimeSpan? Parse(string? header)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)429);
        if (header != null) response.Headers.TryAddWithoutValidation("Retry-After", header);
        return RetryAfter.From(response, Now);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("59", 59)]
    [InlineData("60", 60)]
    [InlineData("61", 61)]
    [InlineData("120", 120)]
    [InlineData("3599", 3599)]
    public void Delta_seconds_are_taken_whole(string header, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(header));

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(600)]
    public void An_HTTP_date_is_a_delay_from_now(int seconds)
    {
        var date = Now.AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(seconds), Parse(date));
    }

    [Theory]
    [InlineData("1.5", 1500)]
    [InlineData("0.25", 250)]
    [InlineData("2.0", 2000)]
    public void Fractional_seconds_are_honoured(string header, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Parse(header));

    [Theory]
    [InlineData("-5")]
    [InlineData("-0.5")]
    public void Negative_values_mean_now(string header) => Assert.Equal(TimeSpan.Zero, Parse(header));

    [Fact]
    public void A_date_in_the_past_means_now() =>
        Assert.Equal(TimeSpan.Zero, Parse(Now.AddMinutes(-5).ToString("R", CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("86400")]
    [InlineData("1e9")]
    [InlineData("Fri, 31 Dec 2100 23:59:59 GMT")]
    public void Absurd_delays_are_capped_at_an_hour(string header) => Assert.Equal(TimeSpan.FromHours(1), Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Missing_or_unreadable_values_give_no_delay(string? header) => Assert.Null(Parse(header));

    [Fact]
    public void Backoff_grows_exponentially_within_jitter_bounds_and_is_capped()
    {
        var options = new RinkelClientOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
        };
        for (var attempt = 1; attempt <= 12; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt - 1), 2000);
            for (var sample = 0; sample < 50; sample++)
            {
                var delay = Backoff.Delay(attempt, options).TotalMilliseconds;
                Assert.InRange(delay, ceiling / 2 - 0.001, ceiling + 0.001);
            }
        }
    }

    [Fact]
    public void Backoff_has_jitter()
    {
        var options = new RinkelClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(500) };
        var samples = Enumerable.Range(0, 50).Select(_ => Backoff.Delay(2, options)).Distinct().Count();
        Assert.True(samples > 10, $"only {samples} distinct delays in 50");
    }

    [Theory]
    [InlineData(30)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Backoff_never_overflows_for_large_attempt_numbers(int attempt)
    {
        var options = new RinkelClientOptions();
        var delay = Backoff.Delay(attempt, options);
        Assert.InRange(delay, TimeSpan.FromSeconds(15), options.MaxRetryDelay);
    }

    [Fact]
    public void The_defaults_are_bounded()
    {
        var options = new RinkelClientOptions();
        Assert.Equal(4, options.MaxRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.True(options.MaxRetryDuration <= TimeSpan.FromMinutes(5));
        Assert.True(options.MaxRetryDelay <= TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void MaxRetryCount_out_of_range_is_refused(int count)
    {
        var options = new RinkelClientOptions { MaxRetryCount = count };
        Assert.Throws<ArgumentOutOfRangeException>(() => new RinkelClient(options, RinkelApiKey.FromPlainText("k")));
    }
}
