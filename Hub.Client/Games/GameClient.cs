using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeHub.Client.Games.Internal;
using RealtimeHub.Client.Internal;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Client.Games;

/// <summary>
/// Plays multiplayer matches on the hub at <c>/hubs/game</c> over one SignalR <see cref="HubConnection"/>, built from the
/// same <see cref="ChatClientOptions"/> as a <see cref="ChatClient"/> (token per attempt, transports, protocol, retry
/// policy). Each match it holds a seat in is a <see cref="GameMatch"/> that applies the hub's deltas as they come. After a
/// reconnect it takes each seat back (<c>JoinMatch</c>; the hub keeps a seat for <c>Games:ReconnectGrace</c>), with a full
/// state, before it counts as Connected again.
/// </summary>
/// <remarks>Events are raised one at a time, in arrival order, on a background loop; handlers should not block for long.</remarks>
public sealed class GameClient : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ClientSession _session;
    private readonly HubConnection _connection;
    private readonly EventDispatcher _events;
    private readonly MatchSeats _matches = new();

    /// <param name="options">Its <see cref="ChatClientOptions.HubUrl"/> names the game hub: <c>ChatClientOptions.ForServer(server, tokens, HubRoutes.Game)</c>.</param>
    public GameClient(ChatClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.HubUrl.AbsolutePath;
        if (path.EndsWith(HubRoutes.Chat, StringComparison.Ordinal) || path.EndsWith(HubRoutes.Live, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"HubUrl names another hub; a game client needs {HubRoutes.Game}: ChatClientOptions.ForServer(server, tokens, HubRoutes.Game).", nameof(options));
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<GameClient>();
        _session = new ClientSession(options, loggerFactory, _logger, "game client", GameClientLog.StateChanged, new ClientSessionHooks
        {
            Reconnecting = _matches.SuspendAll,
            RecoverAsync = RetakeSeatsAsync,
        });
        _connection = _session.Connection;
        _events = _session.Events;
        _connection.On<string, MatchDelta>(nameof(IGameClient.MatchState), OnMatchState);
        _connection.On<string, Score[]>(nameof(IGameClient.Scoreboard), (matchId, scores) => OnScores(matchId, scores, roundEnded: false));
        _connection.On<string, Score[]>(nameof(IGameClient.MatchEnded), (matchId, scores) => OnScores(matchId, scores, roundEnded: true));
    }

    /// <summary>A state was applied to the match's view: the delta as received (entity values as JSON on either protocol).</summary>
    public event Action<GameMatch, MatchDelta>? StateReceived;

    /// <summary>The match's scoreboard, every <c>Games:ScoreboardInterval</c>; also in <see cref="GameMatch.Scores"/>.</summary>
    public event Action<GameMatch, Score[]>? ScoreboardReceived;

    /// <summary>A round of the match ended with these scores; the match goes on with scores reset.</summary>
    public event Action<GameMatch, Score[]>? RoundEnded;

    /// <summary>
    /// (matchId, why): after a reconnect the seat could not be taken back (the grace ran out, the match ended); the match
    /// is no longer one of <see cref="Matches"/>.
    /// </summary>
    public event Action<string, Exception>? SeatLost;

    /// <summary>Connecting, connected, each reconnect attempt, disconnected.</summary>
    public event Action<ChatStateChange>? StateChanged
    {
        add => _session.StateChanged += value;
        remove => _session.StateChanged -= value;
    }

    public ChatConnectionState State => _session.State;

    /// <summary>The matches this client holds a seat in.</summary>
    public IReadOnlyList<GameMatch> Matches => _matches.Seated;

    /// <summary>The match of that id if this client holds a seat in it, else null.</summary>
    public GameMatch? Match(string matchId) => _matches.Find(matchId);

    /// <summary>Connects (and takes back the seats of an earlier session). Call again after <see cref="ChatConnectionState.Disconnected"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _session.StartAsync(cancellationToken);

    /// <summary>Disconnects. Matches are remembered and their seats taken back by the next <see cref="StartAsync"/> within the grace.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _session.StopAsync(cancellationToken);

    /// <summary>A seat in a match of <paramref name="kind"/> with a free seat on any node, or a new match; the seat this user still holds, if any.</summary>
    /// <exception cref="HubException"><c>invalid kind</c>; <c>unavailable</c> (retry later).</exception>
    public Task<GameMatch> FindMatchAsync(string kind = GameKinds.Arena, CancellationToken cancellationToken = default) =>
        SeatAsync(_connection.InvokeAsync<MatchJoin>(nameof(IGameHub.FindMatch), kind, cancellationToken));

    /// <summary>A seat in that match.</summary>
    /// <exception cref="HubException"><c>no such match</c>, <c>match full</c>; <c>unavailable</c> (retry later).</exception>
    public Task<GameMatch> JoinMatchAsync(string matchId, CancellationToken cancellationToken = default) =>
        SeatAsync(_connection.InvokeAsync<MatchJoin>(nameof(IGameHub.JoinMatch), matchId, cancellationToken));

    /// <summary>
    /// Sends one input of the match's kind (arena: <c>new { dx, dy }</c>, each −1…1), numbered by the client, and returns
    /// its sequence: once <see cref="GameMatch.LastInputSequence"/> reaches it, the states show it applied. Sent without
    /// waiting for an answer, as inputs are (the next state is the answer): an input past <c>Games:MaxInputsPerSecond</c>
    /// is dropped by the hub without a word.
    /// </summary>
    /// <exception cref="InvalidOperationException">No seat in that match, or the connection is not up.</exception>
    public async Task<long> SendInputAsync(string matchId, object input, CancellationToken cancellationToken = default)
    {
        var match = _matches.Find(matchId) ?? throw new InvalidOperationException($"This client holds no seat in match {matchId}.");
        if (!_session.IsConnected)
        {
            throw new InvalidOperationException($"The game client is {State}; inputs are not queued.");
        }

        var sequence = match.NextSequence();
        await _connection.SendAsync(nameof(IGameHub.SendInput), matchId, sequence, input, cancellationToken).ConfigureAwait(false);
        return sequence;
    }

    /// <summary>Frees the seat; the match is no longer one of <see cref="Matches"/>.</summary>
    /// <exception cref="HubException"><c>not in match</c>.</exception>
    public async Task LeaveMatchAsync(string matchId, CancellationToken cancellationToken = default)
    {
        _matches.Forget(matchId);
        if (_session.IsConnected)
        {
            await _connection.InvokeAsync(nameof(IGameHub.LeaveMatch), matchId, cancellationToken).ConfigureAwait(false);
            _matches.Forget(matchId); // again: a state sent before the leave may have made a new view meanwhile
        }
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<GameMatch> SeatAsync(Task<MatchJoin> call)
    {
        var join = GameValues.ToJson(await call.ConfigureAwait(false));

        // A player holds one seat per kind: taking this one gave up any other of its kind, which must not be retaken.
        foreach (var other in _matches.Seated)
        {
            if (other.MatchId != join.MatchId && other.Kind == join.Kind)
            {
                _matches.Forget(other.MatchId);
            }
        }

        var match = _matches.View(join.MatchId);
        RaiseStates(match, match.Seat(join));
        return match;
    }

    private void OnMatchState(string matchId, MatchDelta delta)
    {
        var match = _matches.View(matchId);
        var json = GameValues.ToJson(delta);
        if (match.Apply(json))
        {
            RaiseStates(match, [json]);
        }
    }

    private void OnScores(string matchId, Score[] scores, bool roundEnded)
    {
        if (_matches.Find(matchId) is not { } match)
        {
            return; // not seated (yet, or any more): a scoreboard carries nothing a later one does not
        }

        if (!roundEnded)
        {
            match.SetScores(scores);
        }

        _events.Post(() => (roundEnded ? RoundEnded : ScoreboardReceived)?.Invoke(match, scores));
    }

    private void RaiseStates(GameMatch match, List<MatchDelta> applied)
    {
        foreach (var delta in applied)
        {
            _events.Post(() => StateReceived?.Invoke(match, delta));
        }
    }

    /// <summary>After (re)connecting: take every seat back. False when the connection went away again.</summary>
    private async Task<bool> RetakeSeatsAsync()
    {
        foreach (var match in _matches.Seated)
        {
            if (!await TryRetakeSeatAsync(match.MatchId).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> TryRetakeSeatAsync(string matchId)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var match = await JoinMatchAsync(matchId, _session.Lifetime).ConfigureAwait(false);
                GameClientLog.SeatRestored(_logger, matchId, match.Tick);
                return true;
            }
            catch (HubException ex) when (_session.IsConnected && !ChatErrorText.HasPrefix(ex, GameErrors.Unavailable))
            {
                // The seat is gone for good (grace over, match ended or full): keep the connection, drop the match.
                GameClientLog.SeatLost(_logger, matchId, ex);
                _matches.Forget(matchId);
                _events.Post(() => SeatLost?.Invoke(matchId, ex));
                return true;
            }
            catch (HubException ex) when (_session.IsConnected && !_session.Lifetime.IsCancellationRequested)
            {
                // Connected, but the node cannot reach Redis now: no Reconnected event will come to start over.
                GameClientLog.RejoinRetrying(_logger, matchId, ex);
                if (!await _session.PauseBeforeRetryAsync(attempt).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                GameClientLog.RejoinInterrupted(_logger, ex);
                return false;
            }
        }
    }
}
