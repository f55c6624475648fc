using Microsoft.Extensions.Options;
using RealtimeHub.Server.Redis;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout.Official;

/// <summary>
/// What the official backplane connects through: the node's multiplexer with its channels under
/// <c>{Redis:ChannelPrefix}:signalr:</c>, and <see cref="Subscribed"/>, which completes once the official manager's own
/// channels are subscribed. Its <c>EnsureRedisServerConnection</c> marks itself connected before it subscribes them, so
/// without this a call made just after the manager was created (a remote group add, a client result) could publish before
/// the node listens for the answer, and wait 30 seconds for an acknowledgement that had already gone by.
/// </summary>
public sealed class OfficialBackplaneConnection
{
    // The manager subscribes its internal channels in turn (all, groups, acks, results); the results channel comes last.
    private static readonly string LastInternalChannel = $"{typeof(Chat.ChatHub).FullName}:internal:return:";

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OfficialBackplaneConnection(IConnectionMultiplexer multiplexer, IOptions<RedisOptions> options)
    {
        ChannelPrefix = $"{options.Value.ChannelPrefix}:signalr:";
        Multiplexer = new PrefixedConnectionMultiplexer(multiplexer, ChannelPrefix, OnSubscribed);
    }

    /// <summary>What every channel of the official backplane starts with in Redis.</summary>
    public string ChannelPrefix { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Completes when the official manager has subscribed all of its internal channels.</summary>
    public Task Subscribed => _subscribed.Task;

    private void OnSubscribed(RedisChannel channel)
    {
        if (!_subscribed.Task.IsCompleted && channel.ToString().StartsWith(LastInternalChannel, StringComparison.Ordinal))
        {
            _subscribed.TrySetResult();
        }
    }
}
