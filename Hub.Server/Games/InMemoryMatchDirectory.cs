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

    public Task<SeatClaim> FindSeatAsync(string kind, string playerId, string name, string newMatchId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_players.TryGetValue((kind, playerId), out var held) && _matches[held].Seats.TryGetValue(playerId, out var seat) && seat.Deadline >= Now)
            {
                TakeSeat(kind, _matches[held], playerId, name);
                return Task.FromResult(new SeatClaim(SeatOutcome.Seated, held));
            }

            if (held is not null)
            {
                FreeSeat(kind, held, playerId);
            }

            var open = _matches.Values.Where(m => m.Kind == kind && m.Seats.Count < games.Value.SeatsPerMatch).MaxBy(m => m.Seats.Count);
            var created = open is null;
            open ??= _matches[newMatchId] = new MemoryMatch(newMatchId, kind) { LeaseEnds = Now + hosting.Value.LeaseDuration };
            TakeSeat(kind, open, playerId, name);
            return Task.FromResult(new SeatClaim(created ? SeatOutcome.Created : SeatOutcome.Seated, open.Id));
        }
    }

    public Task<SeatClaim> JoinSeatAsync(string kind, string matchId, string playerId, string name, CancellationToken cancellationToken)
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
            TakeSeat(kind, match, playerId, name);
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
            foreach (var seat in seats)
            {
                if (Find(seat) is { } held)
                {
                    held.Deadline = Now + games.Value.ReconnectGrace;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<DirectoryUpkeep> MaintainAsync(string kind, IReadOnlyList<SeatRef> connected, IReadOnlyList<string> owned, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var seat in connected)
            {
                if (Find(seat) is { } held && held.Deadline < SeatDeadline)
                {
                    held.Deadline = SeatDeadline;
                }
            }

            var result = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
            foreach (var matchId in owned)
            {
                result[matchId] = _matches.TryGetValue(matchId, out var match) ? Sweep(kind, match) : null;
            }

            var others = _matches.Values.Where(m => m.Kind == kind && !owned.Contains(m.Id)).ToList();
            var orphans = others.Where(m => m.LeaseEnds < Now).Select(m => m.Id).ToList();
            var next = others.Where(m => m.LeaseEnds >= Now).Select(m => m.LeaseEnds - Now).DefaultIfEmpty().Min();
            return Task.FromResult(new DirectoryUpkeep(result, orphans, next == TimeSpan.Zero ? null : next));
        }
    }

    public Task<IReadOnlyDictionary<string, string>?> AdoptAsync(string kind, string matchId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_matches.TryGetValue(matchId, out var match))
            {
                return Task.FromResult<IReadOnlyDictionary<string, string>?>(null);
            }

            match.LeaseEnds = Now + hosting.Value.LeaseDuration;
            return Task.FromResult<IReadOnlyDictionary<string, string>?>(Holders(match));
        }
    }

    public Task RegisterAsync(string kind, string matchId, IReadOnlyList<(string PlayerId, string Name)> players, CancellationToken cancellationToken) =>
        Task.CompletedTask; // nothing here is lost while the node runs

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

    private MemorySeat? Find(SeatRef seat) => _matches.TryGetValue(seat.MatchId, out var match) ? match.Seats.GetValueOrDefault(seat.PlayerId) : null;

    private Dictionary<string, string> Sweep(string kind, MemoryMatch match)
    {
        match.LeaseEnds = Now + hosting.Value.LeaseDuration;
        foreach (var (playerId, _) in match.Seats.Where(s => s.Value.Deadline < Now).ToList())
        {
            FreeSeat(kind, match.Id, playerId);
        }

        return Holders(match);
    }

    private static Dictionary<string, string> Holders(MemoryMatch match) => match.Seats.ToDictionary(s => s.Key, s => s.Value.Name, StringComparer.Ordinal);

    private void TakeSeat(string kind, MemoryMatch match, string playerId, string name)
    {
        match.Seats[playerId] = new MemorySeat { Deadline = SeatDeadline, Name = name };
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

        public Dictionary<string, MemorySeat> Seats { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LeaseEnds { get; set; }
    }

    private sealed class MemorySeat
    {
        public DateTimeOffset Deadline { get; set; }

        public required string Name { get; init; }
    }
}
