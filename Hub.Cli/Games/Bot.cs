using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Client;
using RealtimeHub.Client.Games;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Cli.Games;

/// <summary>
/// One bot: a <see cref="GameClient"/> signed in with its own development token, over WebSockets with its bytes counted.
/// It finds a match, then sends <see cref="BotSettings.InputRate"/> inputs a second, steered by <see cref="BotSteering"/>,
/// and times each input until the first state whose <c>lastInputSequence</c> reaches it.
/// </summary>
internal sealed class Bot : IAsyncDisposable
{
    private readonly GameClient _client;
    private readonly DevTokenProvider _tokens;
    private readonly CountedWebSockets? _sockets;
    private readonly BotSettings _settings;
    private readonly BotStats _stats;
    private readonly BotSteering _steering;
    private readonly Lock _sync = new();
    private readonly Queue<(string MatchId, long Sequence, long SentAt)> _pending = new();
    private readonly int _seed;
    private DateTime _nextAttempt;

    public Bot(Uri server, string name, BotSettings settings, HttpClient http, BotStats stats, int seed)
    {
        (_settings, _stats, _seed) = (settings, stats, seed);
        _steering = new BotSteering(new Random(seed));
        _tokens = new DevTokenProvider(server, name, http);
        // The bytes a bot reads are counted on the TCP socket under its WebSocket; the dialer speaks plain TCP only.
        _sockets = server.Scheme == Uri.UriSchemeHttp ? new CountedWebSockets() : null;
        var options = ChatClientOptions.ForServer(server, _tokens.GetTokenAsync, HubRoutes.Game);
        options.Protocol = settings.Protocol;
        options.Transports = HttpTransportType.WebSockets;
        options.ConfigureHttpConnection = http =>
        {
            http.SkipNegotiation = true; // one round trip less per bot, as a game client on WebSockets would
            if (_sockets is not null)
            {
                http.WebSocketFactory = _sockets.ConnectAsync;
            }
        };
        _client = new GameClient(options);
        _client.StateReceived += OnState;
        _client.SeatLost += (_, error) => _stats.Error(error);
        _client.StateChanged += change =>
        {
            if (change.State == ChatConnectionState.Disconnected && change.Error is { } error)
            {
                _stats.Error(error);
            }
        };
    }

    public bool IsConnected => _client.State == ChatConnectionState.Connected;

    /// <summary>The match the bot plays in, if it holds a seat.</summary>
    public GameMatch? Match => _client.Matches.FirstOrDefault();

    /// <summary>Bytes read from the bot's sockets so far; null when not counted (https).</summary>
    public long? BytesRead => _sockets?.BytesRead;

    /// <summary>Connects and takes a seat (or tries once; <see cref="RunAsync"/> tries again).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _nextAttempt = DateTime.UtcNow + BotSettings.RetryPause;
        try
        {
            await _client.StartAsync(cancellationToken);
            await _client.FindMatchAsync(_settings.Kind, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _stats.Error(ex);
        }
    }

    /// <summary>Plays until cancelled: an input every 1/<see cref="BotSettings.InputRate"/> s; reconnects and finds a match when it has none.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / _settings.InputRate));
        try
        {
            await Task.Delay(InputPhase(_seed, _settings.InputRate), cancellationToken);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await StepAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// How far into the input period bot <paramref name="seed"/> sends its inputs: spread evenly over the period (golden-ratio
    /// steps), because bots that all start at once would otherwise send in the same millisecond, every input at the same
    /// point of the server's state interval, which skews input → delta latency and makes bursts no real players make.
    /// </summary>
    internal static TimeSpan InputPhase(int seed, double inputRate)
    {
        const double GoldenRatioFraction = 0.6180339887498949;
        var fraction = seed * GoldenRatioFraction % 1;
        return TimeSpan.FromSeconds(fraction / inputRate);
    }

    /// <summary>Leaves its match (so the seat is free at once, not after the reconnect grace) and disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Match is { } match && IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.LeaveMatchAsync(match.MatchId, timeout.Token);
            }
            catch (Exception)
            {
                // the seat then ends with its grace
            }
        }

        await _client.DisposeAsync();
        _tokens.Dispose();
    }

    private async Task StepAsync(CancellationToken cancellationToken)
    {
        if (Match is { } match && IsConnected)
        {
            await SendInputAsync(match, cancellationToken);
        }
        else if (DateTime.UtcNow >= _nextAttempt && _client.State is ChatConnectionState.Connected or ChatConnectionState.Disconnected)
        {
            await (_client.State == ChatConnectionState.Disconnected ? StartAsync(cancellationToken) : FindMatchAsync(cancellationToken));
        }
    }

    private async Task FindMatchAsync(CancellationToken cancellationToken)
    {
        _nextAttempt = DateTime.UtcNow + BotSettings.RetryPause;
        try
        {
            await _client.FindMatchAsync(_settings.Kind, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _stats.Error(ex);
        }
    }

    private async Task SendInputAsync(GameMatch match, CancellationToken cancellationToken)
    {
        var (dx, dy) = _steering.Next(match, DateTime.UtcNow);
        var sequence = match.LastSentSequence + 1; // the bot's only sender: the sequence SendInputAsync is about to use
        lock (_sync)
        {
            _pending.Enqueue((match.MatchId, sequence, Stopwatch.GetTimestamp()));
        }

        try
        {
            await _client.SendInputAsync(match.MatchId, new Dictionary<string, double> { ["dx"] = dx, ["dy"] = dy }, cancellationToken);
            _stats.InputSent();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            lock (_sync)
            {
                _pending.Clear(); // what was sent before is timed by states that may no longer come; start afresh
            }

            _stats.Error(ex);
        }
    }

    private void OnState(GameMatch match, MatchDelta delta)
    {
        _stats.StateReceived();
        var now = Stopwatch.GetTimestamp();
        lock (_sync)
        {
            while (_pending.TryPeek(out var sent) && (sent.MatchId != match.MatchId || sent.Sequence <= delta.LastInputSequence))
            {
                _pending.Dequeue();
                if (sent.MatchId == match.MatchId)
                {
                    _stats.Latency.RecordMs(Stopwatch.GetElapsedTime(sent.SentAt, now).TotalMilliseconds);
                }
            }
        }
    }
}
