using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// One Redis subscription per group or user channel that has local members. Subscribing and unsubscribing the same
/// channel are serialized (striped locks), so a join racing the last leave never ends unsubscribed.
/// </summary>
internal sealed class ChannelSubscriptions(RedisSubscriber subscriber) : IAsyncDisposable
{
    private readonly Dictionary<string, RedisSubscription> _active = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Subscribes unless already subscribed; returns once Redis confirmed.</summary>
    public async Task EnsureAsync(string channel, Func<RedisChannelMessage, ValueTask> handler, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(channel);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Find(channel) is null)
            {
                var subscription = await subscriber.SubscribeAsync(channel, handler, cancellationToken).ConfigureAwait(false);
                lock (_active)
                {
                    _active[channel] = subscription;
                }
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Unsubscribes when <paramref name="stillNeeded"/> says no local member is left (checked under the lock).</summary>
    public async Task ReleaseAsync(string channel, Func<bool> stillNeeded)
    {
        var stripe = StripeOf(channel);
        await stripe.WaitAsync().ConfigureAwait(false);
        try
        {
            RedisSubscription? subscription;
            lock (_active)
            {
                if (stillNeeded() || !_active.Remove(channel, out subscription))
                {
                    return;
                }
            }

            await subscription.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<RedisSubscription> all;
        lock (_active)
        {
            all = [.. _active.Values];
            _active.Clear();
        }

        foreach (var subscription in all)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private RedisSubscription? Find(string channel)
    {
        lock (_active)
        {
            return _active.GetValueOrDefault(channel);
        }
    }

    private SemaphoreSlim StripeOf(string channel) => _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(channel) % (uint)_stripes.Length)];
}
