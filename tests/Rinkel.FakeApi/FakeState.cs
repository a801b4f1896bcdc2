namespace Rinkel.FakeApi;

/// <summary>Everything one running fake holds: shared by all request threads.</summary>
internal sealed class FakeState(LaunchOptions launch)
{
    private readonly object _gate = new();
    private FakeConfig _config = launch.Config;

    public LaunchOptions Launch { get; } = launch;

    public FaultQueue Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public CallHistory Calls { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public FakeConfig Config
    {
        get
        {
            lock (_gate)
            {
                return _config;
            }
        }
    }

    public FakeConfig Update(Func<FakeConfig, FakeConfig> change)
    {
        lock (_gate)
        {
            return _config = change(_config);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _config = Launch.Config;
        }

        Faults.Clear();
        Requests.Clear();
        Calls.Clear();
    }
}
