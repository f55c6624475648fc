namespace RealtimeHub.Server.Redis;

/// <summary>The values of <c>Redis:Backplane</c>.</summary>
public enum RedisBackplaneKind
{
    /// <summary>
    /// <c>realtimehub</c>: the project's own <c>HubLifetimeManager</c> on StackExchange.Redis's <c>ISubscriber</c>. A node
    /// never waits on one member's socket before writing to the others, and subscribes only to the groups and users it holds.
    /// </summary>
    RealtimeHub,

    /// <summary><c>signalr</c>: the official <c>Microsoft.AspNetCore.SignalR.StackExchangeRedis</c> backplane.</summary>
    SignalR,
}
