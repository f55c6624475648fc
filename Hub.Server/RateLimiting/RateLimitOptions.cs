using System.ComponentModel.DataAnnotations;

namespace RealtimeHub.Server.RateLimiting;

/// <summary>
/// A token bucket per connection: <see cref="PerSecond"/> refill, <see cref="Burst"/> capacity. Each hub binds its own
/// (<c>Chat:RateLimit</c>, <c>Docs:RateLimit</c>); the defaults below are the chat's, and a feature may start from others.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Tokens added per second. Default 10 (the documents' default is 30).</summary>
    [Range(0.001, 1_000_000)]
    public double PerSecond { get; set; } = 10;

    /// <summary>Bucket capacity. Default 20 (the documents' default is 60).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 20;

    /// <summary>Refusals in a row after which the connection is closed. Default 20.</summary>
    [Range(1, 1_000_000)]
    public int DisconnectAfterRefusals { get; set; } = 20;
}
