namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Two nodes on one Redis with the official SignalR backplane (<c>Redis:Backplane=signalr</c>).</summary>
public sealed class TwoNodeSignalRBackplaneCluster() : RedisCluster<RedisServerFixture>(2, "signalr");
