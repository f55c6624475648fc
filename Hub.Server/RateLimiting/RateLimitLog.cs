namespace RealtimeHub.Server.RateLimiting;

internal static partial class RateLimitLog
{
    [LoggerMessage(1, LogLevel.Warning, "Disconnecting connection {ConnectionId} of user {UserId}: {Refusals} rate-limit refusals in a row.")]
    public static partial void Disconnecting(ILogger logger, string connectionId, string? userId, int refusals);
}
