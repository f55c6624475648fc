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
public sealed partial class MatchHost : IMatchObserver
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

    void IMatchObserver.StateReady(Match match, PlayerDelta[] deltas)
    {
        var tick = match.Tick; // the loop goes on while these are sent
        Publish(match, deltas.Length > 0, () =>
        {
            _relay.DeliverState(match.Id, tick, deltas);
            _bus.SendToPlayers(match.Id, new StateFrame(_bus.NodeId, tick, deltas));
        });
    }

    void IMatchObserver.ScoreboardReady(Match match, Score[] scores) => PublishScores(match, scores, roundEnded: false);

    void IMatchObserver.RoundEnded(Match match, Score[] finalScores) => PublishScores(match, finalScores, roundEnded: true);

    void IMatchObserver.Faulted(Match match, Exception exception) => _ = EndFaultedAsync(match);

    /// <summary>Ends a match whose step threw; stopped here even when the directory cannot be told (Redis down), so it is not renewed unrun.</summary>
    private async Task EndFaultedAsync(Match match)
    {
        try
        {
            await EndAsync(match.Kind.Name, match.Id, force: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MatchHostLog.UpkeepFailed(_logger, "ending a failed match", ex);
            try
            {
                await StopAsync(match.Id).ConfigureAwait(false);
            }
            catch (Exception stopFailed)
            {
                MatchHostLog.UpkeepFailed(_logger, "stopping a failed match", stopFailed);
            }
        }
    }

    private void PublishScores(Match match, Score[] scores, bool roundEnded) => Publish(match, scores.Length > 0, () =>
    {
        _relay.DeliverScores(match.Id, scores, roundEnded);
        _bus.SendToPlayers(match.Id, new ScoresFrame(_bus.NodeId, scores, roundEnded));
    });

    private void HandOutFailed(Exception exception) => MatchHostLog.HandOutFailed(_logger, exception);

    private void Publish(Match match, bool any, Action send)
    {
        if (any && _games.TryGetValue(match.Id, out var game))
        {
            game.Sends.Post(() =>
            {
                lock (game.Outbox)
                {
                    send();
                }
            });
        }
    }

    private async Task RunAsync(HostedGame game, CancellationToken cancellationToken)
    {
        _games[game.Match.Id] = game;
        try
        {
            await _bus.ListenAsHostAsync(game.Match.Id, message => OnHostMessageAsync(game, message), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not listening, so not running: were it kept, its lease would be renewed for a match that never ticks. Let
            // the lease run out instead, and another node (or this one) resumes it from the save.
            _games.TryRemove(game.Match.Id, out _);
            throw;
        }

        _loop.Add(game.Match, this);
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
