using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games.Internal;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Games;

/// <summary>
/// This node's side of its players: which connections are attached to which seat, delivering states and scores to
/// them (from a match running here, or from another node over the match's players channel), and asking another
/// node's match to seat a player. A player absent from a match's state after it joined has lost its seat: its
/// connections here are detached.
/// </summary>
public sealed class MatchRelay
{
    private readonly IHubContext<GameHub, IGameClient> _hub;
    private readonly IMatchBus _bus;
    private readonly LocalSeats _seats;
    private readonly ConcurrentDictionary<long, PendingJoin> _pending = new();
    private readonly ILogger _logger;
    private long _lastRequestId;

    public MatchRelay(IHubContext<GameHub, IGameClient> hub, IMatchBus bus, IOptions<GamesOptions> options, TimeProvider time, ILogger<MatchRelay> logger)
    {
        _hub = hub;
        _bus = bus;
        _logger = logger;
        var perSecond = options.Value.MaxInputsPerSecond;
        _seats = new LocalSeats(() => new TokenBucket(perSecond, perSecond, time)); // a second's worth at once, then the rate
        bus.Reconnected += RequestFullStates;
    }

    /// <summary>Every seat a connection here is attached to: these players are connected.</summary>
    public SeatRef[] Seats => _seats.All();

    /// <summary>Listens to the match's players channel (before asking to join it, so the reply and every state after it arrive).</summary>
    public Task ListenAsync(string matchId, CancellationToken cancellationToken) =>
        _bus.ListenAsPlayersAsync(matchId, message => OnPlayersMessageAsync(matchId, message), cancellationToken);

    /// <summary>Stops listening to the match's players channel unless a connection here is attached to it or waits to be.</summary>
    public Task StopListeningIfUnusedAsync(string matchId) =>
        _bus.StopListeningAsPlayersAsync(matchId, () => _seats.HasMatch(matchId) || _pending.Values.Any(p => p.Seat.MatchId == matchId));

    /// <summary>Attaches the connection to its seat, and gives the player's other connections here the same full view.</summary>
    public void Attach(SeatRef seat, string connectionId, MatchJoin join)
    {
        ShareFullView(seat, join.State);
        _seats.Attach(seat, connectionId, join.Tick);
    }

    /// <summary>
    /// The player joined again (another tab, a reconnect) and its next deltas build on this full view: its connections
    /// attached here get the view too, so they stay in step.
    /// </summary>
    public void ShareFullView(SeatRef seat, MatchDelta state)
    {
        foreach (var connectionId in _seats.Find(seat)?.Connections ?? [])
        {
            Observe(_hub.Clients.Client(connectionId).MatchState(seat.MatchId, state));
        }
    }

    /// <summary>The player whose seat in the match the connection is attached to, and its input budget on this node.</summary>
    public bool TryGetAttached(string matchId, string connectionId, [NotNullWhen(true)] out string? playerId, [NotNullWhen(true)] out TokenBucket? inputs)
    {
        var seat = _seats.Find(matchId, connectionId);
        (playerId, inputs) = (seat?.PlayerId, seat?.Inputs);
        return seat is not null;
    }

    /// <summary>Detaches every connection of the player here from the match; true when there was one.</summary>
    public bool Detach(SeatRef seat) => _seats.DetachPlayer(seat).Length > 0;

    /// <summary>Detaches a closed connection; returns the seats that lost their last connection here.</summary>
    public IReadOnlyList<SeatRef> DetachConnection(string connectionId) => _seats.DetachConnection(connectionId);

    /// <summary>
    /// Asks the node running the match to seat the player and waits up to <paramref name="wait"/> for its answer; the
    /// connection is attached when the answer comes, in order with the match's states. Heard is false when no node
    /// runs the match right now; the reply is null when the answer did not come in time.
    /// </summary>
    public async Task<(bool Heard, JoinReply? Reply)> RequestJoinAsync(SeatRef seat, string name, string connectionId, TimeSpan wait)
    {
        var id = Interlocked.Increment(ref _lastRequestId);
        var pending = new PendingJoin(seat, connectionId);
        _pending[id] = pending;
        try
        {
            if (!await _bus.SendToHostAsync(seat.MatchId, new JoinRequest(_bus.NodeId, id, seat.PlayerId, name)).ConfigureAwait(false))
            {
                return (false, null);
            }

            var reply = await pending.Reply.Task.WaitAsync(wait).ConfigureAwait(false);
            return (true, reply);
        }
        catch (TimeoutException)
        {
            return (true, null);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Hands each attached player its delta, unless the delta is older than the full view its connections hold (made
    /// before their join at the same tick); detaches players absent from a state made after they joined. A full delta
    /// (after a resume, whose ticks go on from the save) becomes the view the next deltas must be newer than.
    /// </summary>
    public void DeliverState(string matchId, long tick, PlayerDelta[] deltas)
    {
        foreach (var seat in _seats.Players(matchId))
        {
            var index = Array.FindIndex(deltas, d => d.PlayerId == seat.PlayerId);
            if (index < 0)
            {
                if (tick > seat.JoinedAtTick)
                {
                    _seats.DetachPlayer(new SeatRef(matchId, seat.PlayerId));
                    if (!_seats.HasMatch(matchId))
                    {
                        Observe(StopListeningIfUnusedAsync(matchId)); // its connections' closing will not release it now
                    }
                }

                continue;
            }

            var delta = deltas[index].Delta;
            if (seat.NeedsFullState && !delta.Full)
            {
                RequestFullState(new SeatRef(matchId, seat.PlayerId)); // a delta on a view its connections may not have
                continue;
            }

            if (!delta.Full && delta.Tick <= seat.JoinedAtTick)
            {
                continue; // made before the full view its connections were given at that tick: nothing newer in it
            }

            (seat.NeedsFullState, seat.JoinedAtTick) = (false, delta.Full ? delta.Tick : seat.JoinedAtTick);
            foreach (var connectionId in seat.Connections)
            {
                Observe(_hub.Clients.Client(connectionId).MatchState(matchId, delta));
            }
        }
    }

    /// <summary>Hands the scoreboard, or a round's final scores, to every connection attached to the match here.</summary>
    public void DeliverScores(string matchId, Score[] scores, bool roundEnded)
    {
        foreach (var connectionId in _seats.Players(matchId).SelectMany(s => s.Connections))
        {
            var client = _hub.Clients.Client(connectionId);
            Observe(roundEnded ? client.MatchEnded(matchId, scores) : client.Scoreboard(matchId, scores));
        }
    }

    private Task OnPlayersMessageAsync(string matchId, MatchBusMessage message)
    {
        switch (message)
        {
            case JoinReply reply:
                OnJoinReply(matchId, reply);
                break;
            case StateFrame frame when frame.Origin != _bus.NodeId: // the match runs here: delivered already
                DeliverState(matchId, frame.Tick, frame.Deltas);
                break;
            case ScoresFrame frame when frame.Origin != _bus.NodeId:
                DeliverScores(matchId, frame.Scores, frame.RoundEnded);
                break;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Attaches the waiting connection (before the next state is read from this channel) and wakes its caller. Any node
    /// holding other connections of the player gives them the same full view, whatever the next deltas build on.
    /// </summary>
    private void OnJoinReply(string matchId, JoinReply reply)
    {
        var mine = reply.RequestNode == _bus.NodeId && _pending.TryRemove(reply.RequestId, out var pending) ? pending : null;
        if (reply.Join is { } join)
        {
            if (mine is not null)
            {
                Attach(mine.Seat, mine.ConnectionId, join);
            }
            else if (reply.Origin != _bus.NodeId) // where the match runs, its host shared the view already
            {
                ShareFullView(new SeatRef(matchId, join.PlayerId), join.State);
            }
        }

        mine?.Reply.TrySetResult(reply);
    }

    /// <summary>
    /// After a break in the link to the other nodes, states may have been lost: every player here waits for a full
    /// state, asked for now and again with each state until it comes (the match's node may not be listening yet).
    /// </summary>
    private void RequestFullStates()
    {
        foreach (var seat in _seats.All())
        {
            if (_seats.Find(seat) is { } local)
            {
                local.NeedsFullState = true;
            }

            RequestFullState(seat);
        }
    }

    private void RequestFullState(SeatRef seat) =>
        Observe(_bus.SendToHostAsync(seat.MatchId, new PlayerNotice(_bus.NodeId, seat.PlayerId, Left: false)));

    private void Observe(Task send)
    {
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(
                static (t, state) => MatchHostLog.SendFailed((ILogger)state!, t.Exception!), _logger,
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
