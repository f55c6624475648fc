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
    private readonly ClientSession _session;
    private readonly ConnectedSignal _connected = new();
    private readonly IFeedStreams _streams;

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
        // The watches wait on the signal: shut while (re)connecting or stopping, open once connected, closed with the reason once disconnected.
        _session = new ClientSession(options, loggerFactory, _logger, "live client", LiveClientLog.StateChanged, new ClientSessionHooks
        {
            Starting = _connected.Shut,
            Reconnecting = _connected.Shut,
            Stopping = _connected.Shut, // watches whose streams end now wait for the verdict instead of watching again
            Connected = _connected.Open,
            Disconnected = _connected.Close,
        });
        _streams = new HubFeedStreams(_session.Connection, _connected);
    }

    /// <summary>Connecting, connected, each reconnect attempt, disconnected.</summary>
    public event Action<ChatStateChange>? StateChanged
    {
        add => _session.StateChanged += value;
        remove => _session.StateChanged -= value;
    }

    public ChatConnectionState State => _session.State;

    /// <summary>Connects. Call again after <see cref="ChatConnectionState.Disconnected"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _session.StartAsync(cancellationToken);

    /// <summary>Disconnects; running watches end with an <see cref="InvalidOperationException"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _session.StopAsync(cancellationToken);

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

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
