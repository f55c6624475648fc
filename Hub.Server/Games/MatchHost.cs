using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Games;
using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>
/// The matches this node runs: it starts new ones, adopts orphans from their last save, steps them on the
/// <see cref="MatchLoop"/>, takes their players' joins, inputs and leaves (straight from this node's hub, or from other
/// nodes over the match's host channel), and hands what they produce to this node's players (<see cref="MatchRelay"/>)
/// and, over the players channel, to every other node's.
/// </summary>
public sealed class MatchHost : IMatchObserver
{
    private readonly ConcurrentDictionary<string, HostedGame> _games = new(StringComparer.Ordinal);
    private readonly GameKindCatalog _kinds;
    private readonly GamesOptions _options;
    private readonly MatchLoop _loop;
    private readonly IMatchStore _store;
    private readonly IMatchDirectory _directory;
    private readonly IMatchBus _bus;
    private readonly MatchRelay _relay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public MatchHost(
        GameKindCatalog kinds, IOptions<GamesOptions> options, MatchLoop loop, IMatchStore store, IMatchDirectory directory,
        IMatchBus bus, MatchRelay relay, TimeProvider time, ILogger<MatchHost> logger)
    {
        (_kinds, _options, _loop, _store, _directory) = (kinds, options.Value, loop, store, directory);
        (_bus, _relay, _time, _logger) = (bus, relay, time, logger);
    }

    /// <summary>The matches running here.</summary>
    public IEnumerable<Match> Matches => _games.Values.Select(g => g.Match);

    public bool TryGet(string matchId, [NotNullWhen(true)] out Match? match)
    {
        match = _games.TryGetValue(matchId, out var game) ? game.Match : null;
        return match is not null;
    }

    /// <summary>Runs a match the directory just made for this node: created, saved once, listening, stepping.</summary>
    public async Task StartNewAsync(string matchId, GameKind kind, CancellationToken cancellationToken)
    {
        var match = Match.Create(matchId, kind, _options, (ulong)Random.Shared.NextInt64());
        await _store.TryTakeLeaseAsync(matchId, cancellationToken).ConfigureAwait(false); // a new id: nobody else holds it
        await _store.SaveAsync(matchId, match.Save(), cancellationToken).ConfigureAwait(false);
        await RunAsync(new HostedGame(match), cancellationToken).ConfigureAwait(false);
        MatchHostLog.Started(_logger, matchId, kind.Name);
    }

    /// <summary>
    /// Takes over a match whose node stopped renewing its lease, from its last save; false when another node got it
    /// first, it ended, or it runs here already. A save that cannot be read ends the match.
    /// </summary>
    public async Task<bool> AdoptAsync(string kind, string matchId, CancellationToken cancellationToken)
    {
        if (_games.ContainsKey(matchId) || !await _store.TryTakeLeaseAsync(matchId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var seats = await _directory.AdoptAsync(kind, matchId, cancellationToken).ConfigureAwait(false);
        if (seats is null)
        {
            await _store.ReleaseAsync(matchId, deleteState: false, cancellationToken).ConfigureAwait(false);
            return false;
        }

        Match match;
        try
        {
            var saved = await _store.LoadAsync(matchId, cancellationToken).ConfigureAwait(false) ?? throw new InvalidDataException("No saved state.");
            match = Match.Restore(saved, _kinds, _options);
        }
        catch (InvalidDataException exception)
        {
            MatchHostLog.CannotResume(_logger, matchId, exception);
            await EndAsync(kind, matchId, force: true, cancellationToken).ConfigureAwait(false);
            return false;
        }

        // Seats taken after the save (a join in its last second) are seated again before the first tick runs.
        var game = new HostedGame(match);
        Reconcile(game, seats, readAt: long.MaxValue);
        await RunAsync(game, cancellationToken).ConfigureAwait(false);
        MatchHostLog.Adopted(_logger, matchId, match.Tick, match.Players.Length);
        return true;
    }

    /// <summary>
    /// Seats the player in a match running here and attaches the connection in one step with sending its full view,
    /// so the next state it gets builds on that view. Join is null when the match does not run here, or is
    /// <paramref name="seat"/>'s match but every seat of it is taken (Full).
    /// </summary>
    public (MatchJoin? Join, bool Full) JoinHere(SeatRef seat, string name, string connectionId)
    {
        if (!_games.TryGetValue(seat.MatchId, out var game))
        {
            return (null, false);
        }

        lock (game.Outbox)
        {
            if (Seat(game, seat.PlayerId, name) is not { } join)
            {
                return (null, true);
            }

            _relay.Attach(seat, connectionId, join);
            return (join, false);
        }
    }

    /// <summary>Removes the player from a match running here; false when the match does not run here.</summary>
    public bool LeaveHere(SeatRef seat)
    {
        if (!_games.TryGetValue(seat.MatchId, out var game))
        {
            return false;
        }

        Unseat(game, seat.PlayerId);
        return true;
    }

    /// <summary>
    /// Makes a running match seat exactly the directory's <paramref name="seats"/> (player → name) as read at the
    /// timestamp <paramref name="readAt"/>, except for players who joined or left after that read; a match with no seat ends.
    /// </summary>
    public async Task ReconcileAsync(string kind, string matchId, IReadOnlyDictionary<string, string> seats, long readAt, CancellationToken cancellationToken)
    {
        if (!_games.TryGetValue(matchId, out var game))
        {
            return;
        }

        if (seats.Count == 0)
        {
            await EndAsync(kind, matchId, force: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        Reconcile(game, seats, readAt);
    }

    /// <summary>Saves every match running here and renews its lease; stops those another node took, and writes back those Redis forgot.</summary>
    public async Task SaveAllAsync(CancellationToken cancellationToken)
    {
        var games = _games.Values.ToArray();
        var saves = games.Select(g => _store.SaveAsync(g.Match.Id, g.Match.Save(), cancellationToken)).ToArray();
        for (var i = 0; i < games.Length; i++)
        {
            var match = games[i].Match;
            switch (await saves[i].ConfigureAwait(false))
            {
                case LeaseStatus.Lost:
                    MatchHostLog.Lost(_logger, match.Id);
                    await StopAsync(match.Id).ConfigureAwait(false);
                    break;
                case LeaseStatus.Retaken:
                    MatchHostLog.Registered(_logger, match.Id);
                    await _directory.RegisterAsync(match.Kind.Name, match.Id, match.Players, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Ends the match in the directory (when no seat is held, or <paramref name="force"/>), then here, and deletes its save.</summary>
    public async Task EndAsync(string kind, string matchId, bool force, CancellationToken cancellationToken)
    {
        if (await _directory.EndAsync(kind, matchId, force, cancellationToken).ConfigureAwait(false))
        {
            await StopAsync(matchId).ConfigureAwait(false);
            await _store.ReleaseAsync(matchId, deleteState: true, cancellationToken).ConfigureAwait(false);
            MatchHostLog.Ended(_logger, matchId);
        }
    }

    /// <summary>This node shuts down: each match is saved one last time and its lease given up, so another node resumes it at once.</summary>
    public async Task HandOffAllAsync(CancellationToken cancellationToken)
    {
        foreach (var game in _games.Values.ToArray())
        {
            var match = game.Match;
            await StopAsync(match.Id).ConfigureAwait(false);
            if (await _store.SaveAsync(match.Id, match.Save(), cancellationToken).ConfigureAwait(false) != LeaseStatus.Lost)
            {
                await _store.ReleaseAsync(match.Id, deleteState: false, cancellationToken).ConfigureAwait(false);
                await _directory.HandOffAsync(match.Kind.Name, match.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops running the match here (another node runs it now, or it ended); its players here keep their attachments.</summary>
    public async Task StopAsync(string matchId)
    {
        if (_games.TryRemove(matchId, out var game))
        {
            _loop.Remove(game.Match);
            await _bus.StopListeningAsHostAsync(matchId).ConfigureAwait(false);
        }
    }

    void IMatchObserver.StateReady(Match match, PlayerDelta[] deltas) => Publish(match, deltas.Length > 0, () =>
    {
        _relay.DeliverState(match.Id, match.Tick, deltas);
        _bus.SendToPlayers(match.Id, new StateFrame(_bus.NodeId, match.Tick, deltas));
    });

    void IMatchObserver.ScoreboardReady(Match match, Score[] scores) => PublishScores(match, scores, roundEnded: false);

    void IMatchObserver.RoundEnded(Match match, Score[] finalScores) => PublishScores(match, finalScores, roundEnded: true);

    void IMatchObserver.Faulted(Match match, Exception exception) =>
        _ = EndAsync(match.Kind.Name, match.Id, force: true, CancellationToken.None).ContinueWith(
            t => MatchHostLog.UpkeepFailed(_logger, "ending a failed match", t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private void PublishScores(Match match, Score[] scores, bool roundEnded) => Publish(match, scores.Length > 0, () =>
    {
        _relay.DeliverScores(match.Id, scores, roundEnded);
        _bus.SendToPlayers(match.Id, new ScoresFrame(_bus.NodeId, scores, roundEnded));
    });

    private void Publish(Match match, bool any, Action send)
    {
        if (any && _games.TryGetValue(match.Id, out var game))
        {
            lock (game.Outbox)
            {
                send();
            }
        }
    }

    private async Task RunAsync(HostedGame game, CancellationToken cancellationToken)
    {
        _games[game.Match.Id] = game;
        await _bus.ListenAsHostAsync(game.Match.Id, message => OnHostMessageAsync(game, message), cancellationToken).ConfigureAwait(false);
        _loop.Add(game.Match, this);
    }

    private void Reconcile(HostedGame game, IReadOnlyDictionary<string, string> seats, long readAt)
    {
        lock (game.Outbox)
        {
            var seated = game.Match.Players.Select(p => p.PlayerId).ToHashSet(StringComparer.Ordinal);
            foreach (var playerId in seated.Where(p => !seats.ContainsKey(p) && game.LastJoin.GetValueOrDefault(p, long.MinValue) < readAt))
            {
                Unseat(game, playerId);
            }

            foreach (var (playerId, name) in seats.Where(s => !seated.Contains(s.Key) && game.LastLeave.GetValueOrDefault(s.Key, long.MinValue) < readAt))
            {
                Seat(game, playerId, name);
                game.Match.RequestFullState(playerId); // the join's view went nowhere: the next delta is full, wherever its connections are
            }
        }
    }

    private void Unseat(HostedGame game, string playerId)
    {
        lock (game.Outbox)
        {
            game.Match.Leave(playerId);
            game.LastJoin.Remove(playerId);
            game.LastLeave[playerId] = _time.GetTimestamp();
        }
    }

    /// <summary>Under the outbox lock: seats the player (or finds its seat) and notes when; null when the match is full.</summary>
    private MatchJoin? Seat(HostedGame game, string playerId, string name)
    {
        if (!game.Match.TryJoin(playerId, name, out var join))
        {
            return null;
        }

        game.LastJoin[playerId] = _time.GetTimestamp();
        return join;
    }

    private Task OnHostMessageAsync(HostedGame game, MatchBusMessage message)
    {
        var match = game.Match;
        switch (message)
        {
            case JoinRequest request:
                lock (game.Outbox)
                {
                    var join = Seat(game, request.PlayerId, request.Name);
                    var error = join is null ? GameErrors.MatchFull : null;
                    if (join is not null)
                    {
                        _relay.ShareFullView(new SeatRef(match.Id, request.PlayerId), join.State);
                    }

                    _bus.SendToPlayers(match.Id, new JoinReply(_bus.NodeId, request.Origin, request.RequestId, join, error));
                }

                break;
            case ForwardedInput input:
                match.QueueInput(input.PlayerId, input.Sequence, new MatchInput(input.Input));
                break;
            case PlayerNotice { Left: true } notice:
                Unseat(game, notice.PlayerId);
                break;
            case PlayerNotice notice:
                match.RequestFullState(notice.PlayerId);
                break;
        }

        return Task.CompletedTask;
    }
}
