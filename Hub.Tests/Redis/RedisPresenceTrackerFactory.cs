using StackExchange.Redis;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Redis;

namespace RealtimeHub.Tests.Redis;

/// <summary>Builds a tracker the way DI would, for one "node" of a test.</summary>
internal static class RedisPresenceTrackerFactory
{
    public static RedisPresenceTracker Create(ConnectionMultiplexer connection, string prefix, RedisPresenceOptions options, IPresenceNotifier notifier) =>
        new(connection, notifier, Options.Create(new RedisOptions { ChannelPrefix = prefix }), Options.Create(options));
}
