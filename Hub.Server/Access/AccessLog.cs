namespace RealtimeHub.Server.Access;

internal static partial class AccessLog
{
    [LoggerMessage(1, LogLevel.Warning, "Could not stop serving non-members of {Kind} {Name} after an access change.")]
    public static partial void RemovalFailed(ILogger logger, AccessKind kind, string name, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Only {Acknowledged} of {Expected} nodes confirmed the access change of {Kind} {Name} within {TimeoutMs} ms; a node may be stopping.")]
    public static partial void AckTimedOut(ILogger logger, AccessKind kind, string name, int acknowledged, int expected, double timeoutMs);

    [LoggerMessage(3, LogLevel.Warning, "Could not subscribe to access changes; retrying when Redis is back.")]
    public static partial void SubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "An access notice could not be read: {Notice}.")]
    public static partial void BadNotice(ILogger logger, string notice);
}
