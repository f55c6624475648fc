using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Games;

/// <summary>
/// Embedded mode's directory: the same rules as <see cref="RedisMatchDirectory"/> (a seat lapses at its deadline,
/// existing matches fill first, a lease nobody renews makes an orphan) in this process, under one lock. This node is
/// the only one, so it runs every match.
/// </summary>
public sealed class InMemoryMatchDirectory(IOptions<GamesOptions> games, IOptions<MatchHostingOptions> hosting, TimeProvider time) : IMatchDirectory
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, MemoryMatch> _matches = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Player), string> _players = [];

    private DateTimeOffset Now => time.GetUtcNow();

    private DateTimeOffset SeatDeadline => Now + games.Value.ReconnectGrace + hosting.Value.LeaseDuration;

    public Task<SeatClaim> FindSeatAsync(string kind, string playerId, string newMatchId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_players.TryGetValue((kind, playerId), out var held) && _matches[held].Seats.TryGetValue(playerId, out var deadline) && deadline >= Now)
            {
                _matches[held].Seats[playerId] = SeatDeadline;
                return Task.FromResult(new SeatClaim(SeatOutcome.Seated, held));
            }

            if (held is not null)
            {
                FreeSeat(kind, held, playerId);
            }

            var open = _matches.Values.Where(m => m.Kind == kind && m.Seats.Count < games.Value.SeatsPerMatch).MaxBy(m => m.Seats.Count);
            var created = open is null;
            open ??= _matches[newMatchId] = new MemoryMatch(newMatchId, kind) { LeaseEnds = Now + hosting.Value.LeaseDuration };
            TakeSeat(kind, open, playerId);
            return Task.FromResult(new SeatClaim(created ? SeatOutcome.Created : SeatOutcome.Seated, open.Id));
        }
    }

    public Task<SeatClaim> JoinSeatAsync(string kind, string matchId, string playerId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_matches.TryGetValue(matchId, out var match) || match.Kind != kind)
            {
                return Task.FromResult(new SeatClaim(SeatOutcome.NoSuchMatch, matchId));
            }

            if (!match.Seats.ContainsKey(playerId) && match.Seats.Count >= games.Value.SeatsPerMatch)
            {
                return Task.FromResult(new SeatClaim(SeatOutcome.Full, matchId));
            }

            var left = _players.GetValueOrDefault((kind, playerId));
            left = left is not null && left != matchId && FreeSeat(kind, left, playerId) ? left : null;
            TakeSeat(kind, match, playerId);
            return Task.FromResult(new SeatClaim(SeatOutcome.Seated, matchId, left));
        }
    }

    public Task<bool> LeaveSeatAsync(string kind, string matchId, string playerId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return Task.FromResult(FreeSeat(kind, matchId, playerId));
        }
    }

    public Task ReleaseAsync(string kind, IReadOnlyList<SeatRef> seats, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var seat in seats.Where(s => _matches.TryGetValue(s.MatchId, out var m) && m.Seats.ContainsKey(s.PlayerId)))
            {
                _matches[seat.MatchId].Seats[seat.PlayerId] = Now + games.Value.ReconnectGrace;
            }
        }

        return Task.CompletedTask;
    }

    public Task<DirectoryUpkeep> MaintainAsync(string kind, IReadOnlyList<SeatRef> connected, IReadOnlyList<string> owned, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var seat in connected.Where(s => _matches.TryGetValue(s.MatchId, out var m) && m.Seats.ContainsKey(s.PlayerId)))
            {
                var seats = _matches[seat.MatchId].Seats;
                seats[seat.PlayerId] = seats[seat.PlayerId] > SeatDeadline ? seats[seat.PlayerId] : SeatDeadline;
            }

            var result = new Dictionary<string, string[]?>(StringComparer.Ordinal);
            foreach (var matchId in owned)
            {
                result[matchId] = _matches.TryGetValue(matchId, out var match) ? Sweep(kind, matchId, match) : null;
            }

            var orphans = _matches.Where(m => m.Value.Kind == kind && m.Value.LeaseEnds < Now && !owned.Contains(m.Key)).Select(m => m.Key).ToList();
            return Task.FromResult(new DirectoryUpkeep(result, orphans));
        }
    }

    public Task<bool> AdoptAsync(string kind, string matchId, CancellationToken cancellationToken) => Renew(matchId);

    public Task RegisterAsync(string kind, string matchId, IReadOnlyList<string> playerIds, CancellationToken cancellationToken) =>
        Task.CompletedTask; // nothing here is ever lost while the node runs

    public Task<bool> EndAsync(string kind, string matchId, bool force, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_matches.TryGetValue(matchId, out var match))
            {
                return Task.FromResult(true);
            }

            if (!force && match.Seats.Count > 0)
            {
                return Task.FromResult(false);
            }

            foreach (var playerId in match.Seats.Keys.ToList())
            {
                FreeSeat(kind, matchId, playerId);
            }

            _matches.Remove(matchId);
            return Task.FromResult(true);
        }
    }

    public Task HandOffAsync(string kind, string matchId, CancellationToken cancellationToken) => Task.CompletedTask; // no other node takes it

    private Task<bool> Renew(string matchId)
    {
        lock (_sync)
        {
            if (!_matches.TryGetValue(matchId, out var match))
            {
                return Task.FromResult(false);
            }

            match.LeaseEnds = Now + hosting.Value.LeaseDuration;
            return Task.FromResult(true);
        }
    }

    private string[] Sweep(string kind, string matchId, MemoryMatch match)
    {
        match.LeaseEnds = Now + hosting.Value.LeaseDuration;
        foreach (var (playerId, _) in match.Seats.Where(s => s.Value < Now).ToList())
        {
            FreeSeat(kind, matchId, playerId);
        }

        return [.. match.Seats.Keys];
    }

    private void TakeSeat(string kind, MemoryMatch match, string playerId)
    {
        match.Seats[playerId] = SeatDeadline;
        _players[(kind, playerId)] = match.Id;
    }

    private bool FreeSeat(string kind, string matchId, string playerId)
    {
        if (_players.TryGetValue((kind, playerId), out var held) && held == matchId)
        {
            _players.Remove((kind, playerId));
        }

        return _matches.TryGetValue(matchId, out var match) && match.Seats.Remove(playerId);
    }

    private sealed class MemoryMatch(string id, string kind)
    {
        public string Id { get; } = id;

        public string Kind { get; } = kind;

        public Dictionary<string, DateTimeOffset> Seats { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LeaseEnds { get; set; }
    }
}
