using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// Which of this node's connections get which match's states: per match, per seated player, the connections that found
/// or joined it here. A connection gets states only once attached, and SendInput is allowed only from an attached one.
/// </summary>
internal sealed class LocalSeats(Func<TokenBucket> newInputBudget)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Dictionary<string, LocalSeat>> _matches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SeatRef>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>Attaches the connection to the player's seat (again after a reconnect); the seat's join tick becomes <paramref name="tick"/>.</summary>
    public void Attach(SeatRef seat, string connectionId, long tick)
    {
        lock (_sync)
        {
            if (!_matches.TryGetValue(seat.MatchId, out var players))
            {
                players = new Dictionary<string, LocalSeat>(StringComparer.Ordinal);
                _matches.Add(seat.MatchId, players);
            }

            if (!players.TryGetValue(seat.PlayerId, out var local))
            {
                local = new LocalSeat(seat.PlayerId, newInputBudget());
                players.Add(seat.PlayerId, local);
            }

            local.JoinedAtTick = tick;
            if (!local.Connections.Contains(connectionId))
            {
                local.Connections = [.. local.Connections, connectionId];
                RememberConnectionSeat(connectionId, seat);
            }
        }
    }

    /// <summary>The seat the connection is attached to in the match, or null.</summary>
    public LocalSeat? Find(string matchId, string connectionId)
    {
        lock (_sync)
        {
            return _byConnection.TryGetValue(connectionId, out var seats) && seats.Find(s => s.MatchId == matchId) is { PlayerId: { } playerId }
                ? _matches[matchId][playerId]
                : null;
        }
    }

    public LocalSeat? Find(SeatRef seat)
    {
        lock (_sync)
        {
            return _matches.TryGetValue(seat.MatchId, out var players) ? players.GetValueOrDefault(seat.PlayerId) : null;
        }
    }

    /// <summary>The seats this node holds connections for in the match.</summary>
    public LocalSeat[] Players(string matchId)
    {
        lock (_sync)
        {
            return _matches.TryGetValue(matchId, out var players) ? [.. players.Values] : [];
        }
    }

    public bool HasMatch(string matchId)
    {
        lock (_sync)
        {
            return _matches.ContainsKey(matchId);
        }
    }

    /// <summary>Every seat this node holds a connection for: these players are connected, so their seats stay theirs.</summary>
    public SeatRef[] All()
    {
        lock (_sync)
        {
            return [.. _matches.SelectMany(m => m.Value.Keys.Select(p => new SeatRef(m.Key, p)))];
        }
    }

    /// <summary>Detaches every connection of the player from the match; returns them.</summary>
    public string[] DetachPlayer(SeatRef seat)
    {
        lock (_sync)
        {
            if (!_matches.TryGetValue(seat.MatchId, out var players) || !players.Remove(seat.PlayerId, out var local))
            {
                return [];
            }

            if (players.Count == 0)
            {
                _matches.Remove(seat.MatchId);
            }

            foreach (var connectionId in local.Connections)
            {
                ForgetConnectionSeat(connectionId, seat);
            }

            return local.Connections;
        }
    }

    /// <summary>Detaches the connection from every match; returns the seats that had no other connection here.</summary>
    public List<SeatRef> DetachConnection(string connectionId)
    {
        lock (_sync)
        {
            var lastHere = new List<SeatRef>();
            if (!_byConnection.Remove(connectionId, out var seats))
            {
                return lastHere;
            }

            foreach (var seat in seats)
            {
                var players = _matches[seat.MatchId];
                var local = players[seat.PlayerId];
                local.Connections = Array.FindAll(local.Connections, c => c != connectionId);
                if (local.Connections.Length == 0)
                {
                    lastHere.Add(seat);
                    players.Remove(seat.PlayerId);
                    if (players.Count == 0)
                    {
                        _matches.Remove(seat.MatchId);
                    }
                }
            }

            return lastHere;
        }
    }

    private void RememberConnectionSeat(string connectionId, SeatRef seat)
    {
        if (!_byConnection.TryGetValue(connectionId, out var seats))
        {
            seats = [];
            _byConnection.Add(connectionId, seats);
        }

        seats.Add(seat);
    }

    private void ForgetConnectionSeat(string connectionId, SeatRef seat)
    {
        if (_byConnection.TryGetValue(connectionId, out var seats))
        {
            seats.Remove(seat);
            if (seats.Count == 0)
            {
                _byConnection.Remove(connectionId);
            }
        }
    }
}
