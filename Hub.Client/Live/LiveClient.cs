using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeHub.Client.Internal;
using RealtimeHub.Client.Live.Internal;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Client.Live;

/// <summary>
/// Watches live feeds on the hub at <c>/hubs/live</c> over one SignalR <see cref="HubConnection"/>, built from the same
/// <see cref="ChatClientOptions"/> as a <see cref="ChatClient"/> (token per attempt, transports, protocol, retry policy).
/// Watches survive outages: after a reconnect each one watches again and continues with a fresh snapshot.
/// </summary>
/// <remarks><see cref="StateChanged"/> is raised one change at a time, in order, on a background loop.</remarks>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly ChatClientOptions _options;
    private readonly ILogger _logger;
    private readonly HubConnection _connection;
    private readonly EventDispatcher _events;
    private readonly ClientStateMachine _state = new();
    private readonly ConnectedSignal _connected = new();
    private readonly IFeedStreams _streams;
    private readonly CancellationTokenSource _lifetime = new();
    private int _disposed;

    /// <param name="options">Its <see cref="ChatClientOptions.HubUrl"/> names the live hub: <c>ChatClientOptions.ForServer(server, tokens, HubRoutes.Live)</c>.</param>
    public LiveClient(ChatClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HubUrl.AbsolutePath.EndsWith(HubRoutes.Chat, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"HubUrl names the chat hub; a live client needs {HubRoutes.Live}: ChatClientOptions.ForServer(server, tokens, HubRoutes.Live).", nameof(options));
        }

        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<LiveClient>();
        _events = new EventDispatcher(_logger);
        _connection = HubConnectionFactory.Build(options, loggerFactory, OnRetry, () => _lifetime.Token);
        _streams = new HubFeedStreams(_connection, _connected);
        Subscribe();
    }

    /// <summary>Connecting, connected, each reconnect attempt, disconnected.</summary>
    public event Action<ChatStateChange>? StateChanged;

    public ChatConnectionState State => _state.State;

    /// <summary>Connects. Call again after <see cref="ChatConnectionState.Disconnected"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _state.BeginStart();
        _connected.Shut();
        Raise(new ChatStateChange(ChatConnectionState.Connecting));
        try
        {
            await _connection.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MarkDisconnected(ex);
            throw;
        }

        EnterConnected();
    }

    /// <summary>Disconnects; running watches end with an <see cref="InvalidOperationException"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _state.BeginStop();
        _connected.Shut(); // watches whose streams end now wait for the verdict below instead of watching again
        await _connection.StopAsync(cancellationToken).ConfigureAwait(false);
        MarkDisconnected(null);
    }

    /// <summary>
    /// Watches <paramref name="feed"/>: the first item is a snapshot (<see cref="FeedBatch.Snapshot"/> true: the newest
    /// value of every watched key that has one; replace what you hold with it), then batches of changed keys, each key
    /// at most once per batch with its newest value. Every <see cref="FeedUpdate.Value"/> is a
    /// <see cref="System.Text.Json.JsonElement"/> on either protocol (<c>ValueKind</c> Null: the key was removed).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The watch outlives connection losses and the hub's <c>unavailable</c>: it watches again once the connection is
    /// back (after <c>unavailable</c>, after a pause set by <see cref="ChatClientOptions.RetryPolicy"/>) and continues
    /// with a new snapshot, which may repeat values you already hold. Apart from snapshots, a (key, version) is never
    /// yielded twice, nor an older version of a key after a newer one.
    /// </para>
    /// <para>
    /// Reading slowly loses nothing but intermediate values: while you do not read, each key's newest update waits (one
    /// per key), and the next item holds them all. The watch ends when <paramref name="cancellationToken"/> is cancelled
    /// or the enumeration is disposed; with a <see cref="LiveWatchException"/> when the hub refuses it (invalid feed,
    /// key or rate, too many watches, a private feed this user may not watch, a revoked grant) or the retry policy gives
    /// up; with an <see cref="InvalidOperationException"/> when the client is stopped or gives up reconnecting.
    /// </para>
    /// </remarks>
    /// <param name="keys">1–500 keys, or null for every key of the feed.</param>
    /// <param name="maxPerSecond">Deliveries per key per second, 0.1–50; null for the hub's default.</param>
    public IAsyncEnumerable<FeedBatch> WatchAsync(
        string feed, IEnumerable<string>? keys = null, double? maxPerSecond = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var watch = new FeedWatch(_streams, feed, keys?.ToArray(), maxPerSecond, _options.RetryPolicy, TimeProvider.System, _logger);
        return watch.ReadAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _events.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private void Subscribe()
    {
        _connection.Reconnecting += error =>
        {
            EnterReconnecting(new ChatStateChange(ChatConnectionState.Reconnecting, Error: error), raise: false);
            return Task.CompletedTask;
        };
        _connection.Reconnected += _ =>
        {
            EnterConnected();
            return Task.CompletedTask;
        };
        _connection.Closed += error =>
        {
            if (_connection.State == HubConnectionState.Disconnected)
            {
                MarkDisconnected(error);
            }

            return Task.CompletedTask;
        };
    }

    private void OnRetry(RetryContext context, TimeSpan delay)
    {
        var attempt = (int)Math.Min(context.PreviousRetryCount + 1, int.MaxValue);
        EnterReconnecting(new ChatStateChange(ChatConnectionState.Reconnecting, attempt, delay, context.RetryReason), raise: true);
    }

    private void EnterReconnecting(ChatStateChange change, bool raise)
    {
        _state.EnterReconnecting();
        _connected.Shut();
        if (raise)
        {
            Raise(change);
        }
    }

    private void EnterConnected()
    {
        if (_state.TryEnterConnected(() => _connection.State == HubConnectionState.Connected))
        {
            Raise(new ChatStateChange(ChatConnectionState.Connected));
            _connected.Open(); // after the state: a watch that resumes sees Connected
        }
    }

    private void MarkDisconnected(Exception? error)
    {
        if (_state.EnterDisconnected() is not { } stopping)
        {
            return;
        }

        _connected.Close(new InvalidOperationException(
            stopping ? "The live client was stopped." : "The connection closed and was not re-established.", error));
        Raise(new ChatStateChange(ChatConnectionState.Disconnected, Error: error));
    }

    private void Raise(ChatStateChange change)
    {
        LiveClientLog.StateChanged(_logger, change.State, change.Attempt);
        _events.Post(() => StateChanged?.Invoke(change));
    }
}
