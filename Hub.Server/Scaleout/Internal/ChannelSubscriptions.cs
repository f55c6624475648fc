using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// One Redis subscription per group or user channel that has local members, each with its own ordered queue
/// (<see cref="ChannelMessageQueue"/>: one message at a time, in publish order). Subscribing and unsubscribing the same
/// channel are serialized (striped locks), so a join racing the last leave never ends unsubscribed.
/// StackExchange.Redis subscribes every live channel again after a reconnect, and a sharded channel again on the
/// shard that owns its slot after a failover.
/// </summary>
internal sealed class ChannelSubscriptions(ISubscriber subscriber) : IAsyncDisposable
{
    private readonly Dictionary<RedisChannel, ChannelMessageQueue> _active = [];
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Subscribes unless already subscribed; returns once Redis confirmed.</summary>
    public async Task EnsureAsync(RedisChannel channel, Func<ChannelMessage, Task> handler, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(channel);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(channel) is null)
            {
                var queue = await subscriber.SubscribeAsync(channel).ConfigureAwait(false);
                queue.OnMessage(handler);
                lock (_active)
                {
                    _active[channel] = queue;
                }
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Unsubscribes when <paramref name="stillNeeded"/> says no local member is left (checked under the lock).</summary>
    public async Task ReleaseAsync(RedisChannel channel, Func<bool> stillNeeded)
    {
        var stripe = StripeOf(channel);
        await stripe.WaitAsync().ConfigureAwait(false);
        try
        {
            ChannelMessageQueue? queue;
            lock (_active)
            {
                if (stillNeeded() || !_active.Remove(channel, out queue))
                {
                    return;
                }
            }

            await UnsubscribeAsync(queue).ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ChannelMessageQueue> all;
        lock (_active)
        {
            all = [.. _active.Values];
            _active.Clear();
        }

        foreach (var queue in all)
        {
            await UnsubscribeAsync(queue).ConfigureAwait(false);
        }
    }

    // A dead connection unsubscribes everything anyway, and a released channel is not subscribed again; at shutdown
    // the multiplexer may already be disposed.
    private static async Task UnsubscribeAsync(ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
        }
    }

    private ChannelMessageQueue? Find(RedisChannel channel)
    {
        lock (_active)
        {
            return _active.GetValueOrDefault(channel);
        }
    }

    private SemaphoreSlim StripeOf(RedisChannel channel) => _stripes[(int)((uint)channel.GetHashCode() % (uint)_stripes.Length)];
}
