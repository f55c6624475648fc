using Microsoft.Extensions.Logging;

namespace RealtimeHub.Server.Presence;

internal static partial class RedisPresenceLog
{
    [LoggerMessage(1, LogLevel.Information, "Presence node {NodeId} (re)registered {Connections} connections in Redis; {Departures} stale memberships removed.")]
    public static partial void Resynchronized(ILogger logger, string nodeId, int connections, int departures);

    [LoggerMessage(2, LogLevel.Warning, "Presence node {DeadNode} stopped heart-beating; node {NodeId} removed its connections ({Departures} room departures).")]
    public static partial void NodeReaped(ILogger logger, string deadNode, string nodeId, int departures);

    [LoggerMessage(3, LogLevel.Warning, "Presence {Task} failed; retrying next interval.")]
    public static partial void BackgroundTaskFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Announcing that {UserId} left {Room} failed.")]
    public static partial void NotifyFailed(ILogger logger, string userId, string room, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Presence update for connection {ConnectionId} failed; Redis will be re-synchronised from this node's state.")]
    public static partial void OperationFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Presence node {NodeId} removed its {Departures} room memberships from Redis on shutdown.")]
    public static partial void SaidGoodbye(ILogger logger, string nodeId, int departures);

    [LoggerMessage(7, LogLevel.Information, "Re-checked {Uncertain} departures that Redis could not place after losing its data; {Departures} were real and are announced.")]
    public static partial void DeparturesRechecked(ILogger logger, int uncertain, int departures);

    [LoggerMessage(8, LogLevel.Warning, "Cleaning up after departed node {DeadNode} failed; the next reap tries again.")]
    public static partial void DeadNodeCleanupFailed(ILogger logger, string deadNode, Exception exception);
}
