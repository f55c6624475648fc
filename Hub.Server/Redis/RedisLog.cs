using Microsoft.Extensions.Logging;

namespace RealtimeHub.Server.Redis;

internal static partial class RedisLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connecting the Redis {Role} connection to {EndPoint}.")]
    public static partial void Connecting(ILogger logger, string role, string endPoint);

    [LoggerMessage(2, LogLevel.Information, "Redis {Role} connection to {EndPoint} established.")]
    public static partial void Connected(ILogger logger, string role, string endPoint);

    [LoggerMessage(3, LogLevel.Warning, "Redis {Role} connection to {EndPoint} failed (attempt {Attempt}); retrying in {DelayMs} ms.")]
    public static partial void ConnectFailed(ILogger logger, string role, string endPoint, int attempt, long delayMs, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Redis {Role} connection to {EndPoint} lost; reconnecting.")]
    public static partial void Disconnected(ILogger logger, string role, string endPoint, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Redis {Role} connection to {EndPoint} did not answer a keep-alive PING within {TimeoutMs} ms; dropping it.")]
    public static partial void KeepAliveTimedOut(ILogger logger, string role, string endPoint, long timeoutMs);

    [LoggerMessage(6, LogLevel.Information, "Re-subscribed {Count} Redis channels after reconnecting to {EndPoint}.")]
    public static partial void Resubscribed(ILogger logger, int count, string endPoint);

    [LoggerMessage(7, LogLevel.Error, "A handler for Redis channel {Channel} threw.")]
    public static partial void SubscriptionHandlerFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "A {Event} event handler of the Redis client threw.")]
    public static partial void EventHandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(9, LogLevel.Debug, "Redis had no script {Sha}; sent it with EVAL.")]
    public static partial void ScriptNotCached(ILogger logger, string sha);

    [LoggerMessage(10, LogLevel.Debug, "Unsubscribing Redis channel {Channel} got no confirmation.")]
    public static partial void UnsubscribeFailed(ILogger logger, string channel, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Redis at {EndPoint} is not reachable at startup; the node keeps running and reconnects in the background.")]
    public static partial void NotReachableAtStartup(ILogger logger, string endPoint);
}
