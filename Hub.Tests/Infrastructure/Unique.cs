namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Names no other test uses, so tests sharing a node (or a Redis) never see each other.</summary>
public static class Unique
{
    private static int _counter;

    public static string Name(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";
}
