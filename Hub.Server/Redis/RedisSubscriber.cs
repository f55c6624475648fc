using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeHub.Server.Redis.Internal;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// The pub/sub connection, separate from <see cref="RedisConnection"/> because a subscribed connection takes no
/// other commands. Literal <c>SUBSCRIBE</c>/<c>UNSUBSCRIBE</c> only (never patterns: a group named <c>*</c> is just
/// a name). Local handlers of one channel share one Redis subscription (ref-counted). After a reconnect every
/// channel with a handler is subscribed again before <see cref="Connected"/> is raised.
/// </summary>
public sealed class RedisSubscriber : IAsyncDisposable
{
    private static readonly byte[] MessageKind = "message"u8.ToArray();

    private readonly Lock _sync = new();
    private readonly Dictionary<string, SubscribedChannel> _channels = new(StringComparer.Ordinal);
    private readonly RedisConnectionSupervisor _supervisor;
    private readonly ILogger _logger;
    private RedisTransport? _active;

    public RedisSubscriber(RedisConnectionSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RedisSubscriber>();
        _supervisor = new RedisConnectionSupervisor(settings, "subscriber", _logger, TryDispatch, ResubscribeAsync, OnDisconnected);
    }

    /// <summary>Raised (on a pool thread) each time the connection is (re-)established and every channel re-subscribed.</summary>
    public event Action? Connected
    {
        add => _supervisor.Connected += value;
        remove => _supervisor.Connected -= value;
    }

    /// <summary>Raised (on a pool thread) with the reason each time an established connection is lost.</summary>
    public event Action<Exception>? Disconnected
    {
        add => _supervisor.Disconnected += value;
        remove => _supervisor.Disconnected -= value;
    }

    public RedisConnectionSettings Settings { get; }

    public bool IsConnected => _supervisor.IsConnected;

    /// <summary>Channels with at least one local handler.</summary>
    public IReadOnlyCollection<string> Channels
    {
        get
        {
            lock (_sync)
            {
                return [.. _channels.Keys];
            }
        }
    }

    /// <summary>Creates a subscriber and waits for the first connect attempt; throws <see cref="RedisConnectionException"/> if it fails.</summary>
    public static async Task<RedisSubscriber> ConnectAsync(RedisConnectionSettings settings, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var subscriber = new RedisSubscriber(settings, loggerFactory);
        await FirstConnect.RunAsync(subscriber._supervisor, subscriber, cancellationToken).ConfigureAwait(false);
        return subscriber;
    }

    /// <summary>Starts connecting in the background (idempotent).</summary>
    public void Start() => _supervisor.Start();

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken = default) => _supervisor.WaitUntilConnectedAsync(cancellationToken);

    /// <summary>Completes once the first connect attempt after <see cref="Start"/> succeeded or failed.</summary>
    internal Task FirstAttempt => _supervisor.FirstAttempt;

    /// <summary>
    /// Adds a handler for <paramref name="channel"/> and returns once Redis confirmed the subscription, so a message
    /// published after this returns is delivered.
    /// </summary>
    /// <exception cref="RedisConnectionException">Not connected, or the connection dropped before Redis confirmed.</exception>
    /// <exception cref="TimeoutException">No confirmation within <see cref="RedisConnectionSettings.CommandTimeout"/>.</exception>
    public async Task<RedisSubscription> SubscribeAsync(string channel, Func<RedisChannelMessage, ValueTask> handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new RedisSubscription(this, channel, handler, _logger);
        Task confirmed;
        lock (_sync)
        {
            if (_active is null)
            {
                subscription.Close();
                throw new RedisConnectionException($"Cannot subscribe to {channel}: not connected to Redis at {Settings.EndPoint} (reconnecting in the background).");
            }

            if (!_channels.TryGetValue(channel, out var state))
            {
                state = new SubscribedChannel { Confirmed = _active.Send("SUBSCRIBE", [channel]).Task };
                _channels.Add(channel, state);
            }

            state.Add(subscription);
            confirmed = state.Confirmed;
        }

        try
        {
            await confirmed.WaitAsync(Settings.CommandTimeout, cancellationToken).ConfigureAwait(false);
            return subscription;
        }
        catch (Exception ex)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            if (ex is TimeoutException)
            {
                throw new TimeoutException($"Redis did not confirm SUBSCRIBE {channel} within {Settings.CommandTimeout.TotalMilliseconds} ms.", ex);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _supervisor.DisposeAsync().ConfigureAwait(false);
        lock (_sync)
        {
            foreach (var subscription in _channels.Values.SelectMany(state => state.Subscriptions))
            {
                subscription.Close();
            }

            _channels.Clear();
        }
    }

    internal async ValueTask RemoveAsync(RedisSubscription subscription)
    {
        RedisCommand? unsubscribe = null;
        lock (_sync)
        {
            if (!_channels.TryGetValue(subscription.Channel, out var state) || !state.Remove(subscription) || !state.IsEmpty)
            {
                return;
            }

            _channels.Remove(subscription.Channel);

            // Sent under the lock, so a SUBSCRIBE for the same channel that follows is also written after it.
            unsubscribe = _active?.Send("UNSUBSCRIBE", [subscription.Channel]);
        }

        if (unsubscribe is null)
        {
            return;
        }

        try
        {
            await unsubscribe.Task.WaitAsync(Settings.CommandTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // A dead connection unsubscribes everything anyway, and the channel is no longer re-subscribed.
            RedisLog.UnsubscribeFailed(_logger, subscription.Channel, ex);
        }
    }

    // Runs on the transport's reader loop: only hand messages over, never wait.
    private bool TryDispatch(RedisReply reply)
    {
        if (reply.Kind != RedisReplyKind.Array || reply.Count != 3 || reply[0].Kind != RedisReplyKind.BulkString || !reply[0].AsSpan().SequenceEqual(MessageKind))
        {
            return false;
        }

        var channel = reply[1].AsString()!;
        RedisSubscription[] subscriptions;
        lock (_sync)
        {
            if (!_channels.TryGetValue(channel, out var state))
            {
                return true;
            }

            subscriptions = state.Subscriptions;
        }

        var message = new RedisChannelMessage(channel, reply[2].AsMemory());
        foreach (var subscription in subscriptions)
        {
            subscription.Deliver(message);
        }

        return true;
    }

    private async Task ResubscribeAsync(RedisTransport transport, CancellationToken cancellationToken)
    {
        List<Task> confirmations;
        lock (_sync)
        {
            confirmations = new List<Task>(_channels.Count);
            foreach (var (channel, state) in _channels)
            {
                state.Confirmed = transport.Send("SUBSCRIBE", [channel]).Task;
                confirmations.Add(state.Confirmed);
            }

            _active = transport;
        }

        await Task.WhenAll(confirmations).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (confirmations.Count > 0)
        {
            RedisLog.Resubscribed(_logger, confirmations.Count, Settings.EndPoint);
        }
    }

    private void OnDisconnected()
    {
        lock (_sync)
        {
            _active = null;
        }
    }
}
