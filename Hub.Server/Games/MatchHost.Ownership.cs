using RealtimeHub.Server.Games.Internal;

namespace RealtimeHub.Server.Games;

/// <summary>Which matches run here: starting and adopting them, keeping them in step with the directory, saving, ending and handing them over.</summary>
public sealed partial class MatchHost
{
    /// <summary>Runs a match the directory just made for this node: created, saved once, listening, stepping.</summary>
    public async Task StartNewAsync(string matchId, GameKind kind, CancellationToken cancellationToken)
    {
        var match = Match.Create(matchId, kind, _options, (ulong)Random.Shared.NextInt64());
        await _store.TryTakeLeaseAsync(matchId, cancellationToken).ConfigureAwait(false); // a new id: nobody else holds it
        await _store.SaveAsync(matchId, match.Save(), cancellationToken).ConfigureAwait(false);
        await RunAsync(new HostedGame(match, HandOutFailed), cancellationToken).ConfigureAwait(false);
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
        var game = new HostedGame(match, HandOutFailed);
        Reconcile(game, seats, readAt: long.MaxValue);
        await RunAsync(game, cancellationToken).ConfigureAwait(false);
        MatchHostLog.Adopted(_logger, matchId, match.Tick, match.Players.Length);
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

            // Joins and leaves before this read matter to no later one: keep only the newer (the maps stay small).
            Prune(game.LastJoin, readAt);
            Prune(game.LastLeave, readAt);
        }
    }

    private static void Prune(Dictionary<string, long> times, long before)
    {
        foreach (var (playerId, at) in times)
        {
            if (at < before)
            {
                times.Remove(playerId); // allowed while enumerating a Dictionary since .NET Core 3.0
            }
        }
    }
}
