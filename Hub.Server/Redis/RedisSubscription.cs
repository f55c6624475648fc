using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// One local handler of a channel. Messages are handed to the handler one at a time, in publish order, on a pool
/// thread (never on the socket's reader loop), so a slow handler delays only itself. Dispose to unsubscribe; the
/// channel itself is unsubscribed in Redis when its last local handler goes.
/// </summary>
public sealed class RedisSubscription : IAsyncDisposable
{
    private readonly RedisSubscriber _owner;
    private readonly Func<RedisChannelMessage, ValueTask> _handler;
    private readonly ILogger _logger;
    private readonly Channel<RedisChannelMessage> _queue = System.Threading.Channels.Channel.CreateUnbounded<RedisChannelMessage>(new UnboundedChannelOptions { SingleReader = true });
    private int _disposed;

    internal RedisSubscription(RedisSubscriber owner, string channel, Func<RedisChannelMessage, ValueTask> handler, ILogger logger)
    {
        _owner = owner;
        Channel = channel;
        _handler = handler;
        _logger = logger;
        _ = Task.Run(PumpAsync);
    }

    public string Channel { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _owner.RemoveAsync(this).ConfigureAwait(false);
    }

    internal void Deliver(RedisChannelMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Stops delivery without touching Redis (the subscriber is shutting down).</summary>
    internal void Close()
    {
        Volatile.Write(ref _disposed, 1);
        _queue.Writer.TryComplete();
    }

    private async Task PumpAsync()
    {
        await foreach (var message in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (Volatile.Read(ref _disposed) == 1)
            {
                return;
            }

            try
            {
                await _handler(message).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                RedisLog.SubscriptionHandlerFailed(_logger, Channel, ex);
            }
        }
    }
}
