namespace RealtimeHub.Server.Redis.Internal;

/// <summary>One Redis channel and the local handlers sharing it. Guarded by the subscriber's lock.</summary>
internal sealed class SubscribedChannel
{
    /// <summary>Copy-on-write, so the reader loop can dispatch to a snapshot without holding the lock.</summary>
    public RedisSubscription[] Subscriptions { get; private set; } = [];

    /// <summary>Completes when Redis confirmed the latest SUBSCRIBE sent for this channel.</summary>
    public Task Confirmed { get; set; } = Task.CompletedTask;

    public bool IsEmpty => Subscriptions.Length == 0;

    public void Add(RedisSubscription subscription) => Subscriptions = [.. Subscriptions, subscription];

    public bool Remove(RedisSubscription subscription)
    {
        var index = Array.IndexOf(Subscriptions, subscription);
        if (index < 0)
        {
            return false;
        }

        Subscriptions = [.. Subscriptions[..index], .. Subscriptions[(index + 1)..]];
        return true;
    }
}
