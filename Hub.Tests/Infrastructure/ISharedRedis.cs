namespace RealtimeHub.Tests.Infrastructure;

/// <summary>A Redis that several hub nodes share: one server (<see cref="RedisServerFixture"/>) or a cluster (<see cref="ShardedRedis"/>).</summary>
public interface ISharedRedis : IAsyncLifetime
{
    /// <summary>The <c>Redis:Configuration</c> that reaches it.</summary>
    string Configuration { get; }
}
