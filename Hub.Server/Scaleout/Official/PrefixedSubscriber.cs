using System.Collections.Concurrent;
using System.Net;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout.Official;

/// <summary>
/// A subscriber that puts every channel under a prefix, and reports each subscription Redis has confirmed. The official
/// backplane names its channels after the hub type only; on the node's shared multiplexer (which has no channel prefix of
/// its own, since the project's channels carry theirs) two apps on one Redis would hear each other. And since that
/// subscriber also carries the project's own channels, "unsubscribe all" drops only the channels subscribed through here.
/// </summary>
internal sealed class PrefixedSubscriber(ISubscriber inner, string prefix, IConnectionMultiplexer multiplexer, Action<RedisChannel> subscribed)
    : ISubscriber
{
    private readonly ConcurrentDictionary<RedisChannel, byte> _channels = new();

    public IConnectionMultiplexer Multiplexer => multiplexer;

    public EndPoint? IdentifyEndpoint(RedisChannel channel, CommandFlags flags = CommandFlags.None) => inner.IdentifyEndpoint(Prefixed(channel), flags);

    public Task<EndPoint?> IdentifyEndpointAsync(RedisChannel channel, CommandFlags flags = CommandFlags.None) =>
        inner.IdentifyEndpointAsync(Prefixed(channel), flags);

    public bool IsConnected(RedisChannel channel = default) => inner.IsConnected(channel.IsNullOrEmpty ? channel : Prefixed(channel));

    public long Publish(RedisChannel channel, RedisValue message, CommandFlags flags = CommandFlags.None) => inner.Publish(Prefixed(channel), message, flags);

    public Task<long> PublishAsync(RedisChannel channel, RedisValue message, CommandFlags flags = CommandFlags.None) =>
        inner.PublishAsync(Prefixed(channel), message, flags);

    public void Subscribe(RedisChannel channel, Action<RedisChannel, RedisValue> handler, CommandFlags flags = CommandFlags.None)
    {
        inner.Subscribe(Track(channel), handler, flags);
        subscribed(channel);
    }

    public async Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler, CommandFlags flags = CommandFlags.None)
    {
        await inner.SubscribeAsync(Track(channel), handler, flags).ConfigureAwait(false);
        subscribed(channel);
    }

    public ChannelMessageQueue Subscribe(RedisChannel channel, CommandFlags flags = CommandFlags.None)
    {
        var queue = inner.Subscribe(Track(channel), flags);
        subscribed(channel);
        return queue;
    }

    public async Task<ChannelMessageQueue> SubscribeAsync(RedisChannel channel, CommandFlags flags = CommandFlags.None)
    {
        var queue = await inner.SubscribeAsync(Track(channel), flags).ConfigureAwait(false);
        subscribed(channel);
        return queue;
    }

    public EndPoint? SubscribedEndpoint(RedisChannel channel) => inner.SubscribedEndpoint(Prefixed(channel));

    public void Unsubscribe(RedisChannel channel, Action<RedisChannel, RedisValue>? handler = null, CommandFlags flags = CommandFlags.None) =>
        inner.Unsubscribe(Untrack(channel, handler), handler, flags);

    public Task UnsubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue>? handler = null, CommandFlags flags = CommandFlags.None) =>
        inner.UnsubscribeAsync(Untrack(channel, handler), handler, flags);

    // Fire and forget: the manager calls this from Dispose, where a round trip per channel on a dying link would stall shutdown.
    public void UnsubscribeAll(CommandFlags flags = CommandFlags.None)
    {
        foreach (var channel in _channels.Keys)
        {
            inner.Unsubscribe(channel, null, flags | CommandFlags.FireAndForget);
        }

        _channels.Clear();
    }

    public async Task UnsubscribeAllAsync(CommandFlags flags = CommandFlags.None)
    {
        foreach (var channel in _channels.Keys)
        {
            await inner.UnsubscribeAsync(channel, null, flags).ConfigureAwait(false);
        }

        _channels.Clear();
    }

    public TimeSpan Ping(CommandFlags flags = CommandFlags.None) => inner.Ping(flags);

    public Task<TimeSpan> PingAsync(CommandFlags flags = CommandFlags.None) => inner.PingAsync(flags);

    public bool TryWait(Task task) => inner.TryWait(task);

    public void Wait(Task task) => inner.Wait(task);

    public T Wait<T>(Task<T> task) => inner.Wait(task);

    public void WaitAll(params Task[] tasks) => inner.WaitAll(tasks);

    private RedisChannel Prefixed(RedisChannel channel)
    {
        var name = prefix + channel;
        return channel.IsSharded ? RedisChannel.Sharded(name)
            : channel.IsPattern ? RedisChannel.Pattern(name)
            : RedisChannel.Literal(name);
    }

    private RedisChannel Track(RedisChannel channel)
    {
        var prefixed = Prefixed(channel);
        _channels.TryAdd(prefixed, 0);
        return prefixed;
    }

    private RedisChannel Untrack(RedisChannel channel, Delegate? handler)
    {
        var prefixed = Prefixed(channel);
        if (handler is null)
        {
            _channels.TryRemove(prefixed, out _);
        }

        return prefixed;
    }
}
