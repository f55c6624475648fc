namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Upper bounds for failing tests only: passing tests wait on events and finish as soon as they arrive.</summary>
public static class TestTimeouts
{
    public static TimeSpan Event { get; } = TimeSpan.FromSeconds(15);

    public static TimeSpan Reconnect { get; } = TimeSpan.FromSeconds(30);
}
