using Microsoft.Extensions.Logging;

namespace RealtimeHub.Server.Redis;

internal static partial class RedisLog
{
    [LoggerMessage(1, LogLevel.Information, "Connected to Redis at {EndPoints}.")]
    public static partial void Connected(ILogger logger, string endPoints);

    [LoggerMessage(2, LogLevel.Warning, "Redis {ConnectionType} connection to {EndPoint} failed ({FailureType}); reconnecting in the background.")]
    public static partial void ConnectionFailed(ILogger logger, string connectionType, string? endPoint, string failureType, Exception? exception);

    [LoggerMessage(3, LogLevel.Information, "Redis {ConnectionType} connection to {EndPoint} restored.")]
    public static partial void ConnectionRestored(ILogger logger, string connectionType, string? endPoint);

    [LoggerMessage(4, LogLevel.Warning, "Redis at {EndPoints} is not reachable at startup; the node keeps running and reconnects in the background.")]
    public static partial void NotReachableAtStartup(ILogger logger, string endPoints);

    [LoggerMessage(5, LogLevel.Warning, "Redis at {EndPoint} has maxmemory-policy {Policy}: under memory pressure it evicts keys, and rooms lose their history (they start new epochs). Set maxmemory-policy noeviction (docs/OPERATIONS.md).")]
    public static partial void EvictingMemoryPolicy(ILogger logger, string endPoint, string policy);

    [LoggerMessage(6, LogLevel.Information, "Could not read maxmemory-policy from Redis at {EndPoint} ({Reason}); check it is noeviction.")]
    public static partial void MemoryPolicyUnknown(ILogger logger, string endPoint, string reason);
}
