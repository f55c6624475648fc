using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Multiplexers for tests that drive presence, history or Redis itself directly, configured as a node would be.</summary>
public static class RedisTestConnections
{
    /// <summary>Connects the way a node does (<see cref="RedisConfiguration.Parse"/>); throws when Redis does not answer.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration)
    {
        var options = RedisConfiguration.Parse(configuration);
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        if (!multiplexer.IsConnected)
        {
            await multiplexer.DisposeAsync();
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, $"Redis at {configuration} did not answer.");
        }

        return multiplexer;
    }

    /// <summary>Runs a raw command, for test set-up and inspection (ACL, CLIENT, PUBSUB, …).</summary>
    public static Task<RedisResult> RunAsync(this IConnectionMultiplexer redis, string command, params object[] args) =>
        redis.GetDatabase().ExecuteAsync(command, args);
}
