using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Sends hub invocations that must not be lost: straight out while connected, into the <see cref="Outbox"/>
/// while reconnecting, and again after reconnecting when the connection dropped mid-call. Retrying is safe
/// because every send carries its clientMessageId and the server answers a repeat with the stored original.
/// </summary>
internal sealed class ReliableSender(int capacity, int maxAttempts, ILogger logger)
{
    // Waits for a queued send the hub refused as rate limited: 250 ms doubling to 2 s, at most 10 times (~15 s),
    // which lets the hub's token bucket refill well before it would disconnect for refusals in a row.
    private const int MaxRateLimitWaits = 10;
    private static readonly TimeSpan RateLimitFirstWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RateLimitMaxWait = TimeSpan.FromSeconds(2);

    private readonly Outbox _outbox = new(capacity);
    private readonly Lock _sync = new();
    private SenderMode _mode = SenderMode.Refusing;
    private HubConnection? _connection;
    private Exception? _closedBecause;
    private bool _flushing;

    private enum SenderMode
    {
        Refusing,
        Queueing,
        Open,
    }

    public async Task<T> SendAsync<T>(Func<HubConnection, Task<T>> invoke, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var send = new PendingSend<T>(invoke, cancellationToken);
        HubConnection? direct = null;
        lock (_sync)
        {
            if (_mode == SenderMode.Refusing)
            {
                throw new InvalidOperationException("The chat client is not connected; call StartAsync first.", _closedBecause);
            }

            if (_mode == SenderMode.Open && !_flushing && _outbox.IsEmpty)
            {
                direct = _connection;
            }
            else if (!_outbox.TryEnqueue(send))
            {
                throw new InvalidOperationException($"The send queue is full: {_outbox.Capacity} sends are already waiting for the connection to return.");
            }
        }

        if (direct is not null && !await TryDeliverAsync(send, direct).ConfigureAwait(false))
        {
            Requeue(send);
        }

        StartFlush();
        return await send.Result.ConfigureAwait(false);
    }

    /// <summary>Connected and caught up: send directly, starting with whatever waited.</summary>
    public void Open(HubConnection connection)
    {
        lock (_sync)
        {
            _mode = SenderMode.Open;
            _connection = connection;
            _closedBecause = null;
        }

        StartFlush();
    }

    /// <summary>Connection lost, a reconnect is under way: queue.</summary>
    public void Pause()
    {
        lock (_sync)
        {
            _mode = SenderMode.Queueing;
        }
    }

    /// <summary>No reconnect is coming: fail what waits and refuse new sends until <see cref="Open"/>.</summary>
    public void Close(Exception error)
    {
        lock (_sync)
        {
            _mode = SenderMode.Refusing;
            _closedBecause = error;
        }

        _outbox.FailAll(error);
    }

    private void Requeue(IPendingSend send)
    {
        lock (_sync)
        {
            if (_mode != SenderMode.Refusing)
            {
                _outbox.Requeue(send);
                return;
            }
        }

        send.Fail(new InvalidOperationException("The connection closed before the send was acknowledged.", _closedBecause));
    }

    private void StartFlush()
    {
        lock (_sync)
        {
            if (_mode != SenderMode.Open || _flushing || _outbox.IsEmpty)
            {
                return;
            }

            _flushing = true;
        }

        _ = Task.Run(FlushAsync);
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            IPendingSend? next;
            HubConnection connection;
            lock (_sync)
            {
                next = _mode == SenderMode.Open ? _outbox.Peek() : null;
                if (next is null)
                {
                    _flushing = false;
                    return;
                }

                connection = _connection!;
            }

            if (!await TryDeliverQueuedAsync(next, connection).ConfigureAwait(false))
            {
                // Lost again mid-call: it stays first in line. If the connection came back meanwhile (Open ran while
                // this flush still held the flag), start again rather than leave the queue stuck.
                lock (_sync)
                {
                    _flushing = false;
                }

                StartFlush();
                return;
            }

            _outbox.Remove(next);
        }
    }

    /// <summary>
    /// Delivers a send that waited in the queue. A queue flushed after a reconnect can easily go out faster than the
    /// hub's rate limit allows; that burst is the client's own doing, so a <c>rate limited</c> refusal (nothing was
    /// stored) is waited out and the send goes again, still first in line, instead of failing its caller. The same holds
    /// for <c>unavailable</c> (the node lost Redis for a moment); the send keeps its clientMessageId, so it is stored once.
    /// </summary>
    private async Task<bool> TryDeliverQueuedAsync(IPendingSend send, HubConnection connection)
    {
        for (var refusals = 0; ; refusals++)
        {
            try
            {
                await send.SendAsync(connection).ConfigureAwait(false);
                return true;
            }
            catch (HubException ex) when (IsTransientRefusal(ex) && refusals < MaxRateLimitWaits && !send.IsCompleted)
            {
                var wait = TimeSpan.FromMilliseconds(Math.Min(RateLimitFirstWait.TotalMilliseconds * (1 << refusals), RateLimitMaxWait.TotalMilliseconds));
                ChatClientLog.SendRateLimited(logger, wait.TotalMilliseconds);
                await Task.Delay(wait).ConfigureAwait(false);
                if (send.IsCompleted)
                {
                    return true; // its caller gave up, or the client closed meanwhile
                }
            }
            catch (Exception ex)
            {
                return Settle(send, connection, ex);
            }
        }
    }

    /// <returns>True when done with the send (acknowledged or definitely failed); false when it must be retried.</returns>
    private async Task<bool> TryDeliverAsync(IPendingSend send, HubConnection connection)
    {
        try
        {
            await send.SendAsync(connection).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            return Settle(send, connection, ex);
        }
    }

    /// <returns>False when the connection went away mid-call and the send must go again; true when it failed for good.</returns>
    private bool Settle(IPendingSend send, HubConnection connection, Exception error)
    {
        if (!send.IsCompleted && send.Attempts < maxAttempts && IsConnectionLoss(error, connection))
        {
            ChatClientLog.SendRequeued(logger, error);
            return false;
        }

        send.Fail(error);
        return true;
    }

    /// <summary><c>rate limited</c> or <c>unavailable</c> (the node's backplane is briefly down): nothing was stored, so waiting and sending again is safe.</summary>
    private static bool IsTransientRefusal(HubException error) =>
        ChatErrorText.HasPrefix(error, ChatErrors.RateLimited) || ChatErrorText.HasPrefix(error, ChatErrors.Unavailable);

    /// <summary>Did the call fail because the connection went away (outcome unknown) rather than because the hub refused it?</summary>
    private static bool IsConnectionLoss(Exception error, HubConnection connection) => error switch
    {
        // HubConnection fails pending calls with this when the server closes the connection with an error.
        HubException hub => hub.Message.StartsWith("The server closed the connection", StringComparison.Ordinal),
        OperationCanceledException => true, // pending calls are cancelled when the connection closes
        InvalidOperationException => connection.State != HubConnectionState.Connected,
        IOException or WebSocketException or HttpRequestException => true,
        _ => false,
    };
}
