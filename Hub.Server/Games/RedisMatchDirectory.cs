using Microsoft.Extensions.Options;
using RealtimeHub.Server.Games.Internal;
using RealtimeHub.Server.Scaleout;
using StackExchange.Redis;

namespace RealtimeHub.Server.Games;

/// <summary>
/// The match directory in Redis, one per kind under the kind's hash tag (<see cref="GameKeys.Directory"/>):
/// <list type="bullet">
/// <item><c>:matches</c> (sorted set): match id → seats held; the fullest with a free seat is found first.</item>
/// <item><c>:seats:&lt;match&gt;</c> (sorted set): player → the time its seat lapses unless pushed forward.</item>
/// <item><c>:players</c> (hash): player → the match it holds a seat in (one per kind); <c>:names</c> (hash): player → its name.</item>
/// <item><c>:owners</c> (hash): match → the node running it; <c>:leases</c> (sorted set): match → when that node's claim lapses.</item>
/// </list>
/// One slot per kind makes a seat claim one atomic script across all of the kind's matches (no oversold seat, existing
/// matches fill first). Seat changes happen per join and leave, and the upkeep once per second per node, not per tick.
/// </summary>
public sealed class RedisMatchDirectory : IMatchDirectory
{
    private readonly IDatabase _database;
    private readonly string _prefix;
    private readonly string _nodeId;
    private readonly GamesOptions _games;
    private readonly MatchHostingOptions _hosting;

    public RedisMatchDirectory(RedisBackplane backplane, IOptions<GamesOptions> games, IOptions<MatchHostingOptions> hosting)
    {
        _database = backplane.Redis.GetDatabase();
        _prefix = backplane.Options.ChannelPrefix;
        _nodeId = backplane.NodeId;
        _games = games.Value;
        _hosting = hosting.Value;
    }

    /// <summary>A connected player's seat lasts the grace plus a lease: if its node dies, the grace still counts from about then.</summary>
    private long SeatMs => Ms(_games.ReconnectGrace + _hosting.LeaseDuration);

    private long LeaseMs => Ms(_hosting.LeaseDuration);

    public async Task<SeatClaim> FindSeatAsync(string kind, string playerId, string name, string newMatchId, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await RunAsync(RedisMatchDirectoryScripts.Find, kind, playerId, name, _games.SeatsPerMatch, newMatchId, SeatMs, LeaseMs))!;
        return new SeatClaim((long)reply[1] == 1 ? SeatOutcome.Created : SeatOutcome.Seated, (string)reply[0]!);
    }

    public async Task<SeatClaim> JoinSeatAsync(string kind, string matchId, string playerId, string name, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await RunAsync(RedisMatchDirectoryScripts.Join, kind, playerId, name, matchId, _games.SeatsPerMatch, SeatMs))!;
        return (string)reply[0]! switch
        {
            "ok" => new SeatClaim(SeatOutcome.Seated, matchId, (string)reply[1]! is { Length: > 0 } left ? left : null),
            "full" => new SeatClaim(SeatOutcome.Full, matchId),
            _ => new SeatClaim(SeatOutcome.NoSuchMatch, matchId),
        };
    }

    public async Task<bool> LeaveSeatAsync(string kind, string matchId, string playerId, CancellationToken cancellationToken) =>
        (long)await RunAsync(RedisMatchDirectoryScripts.Leave, kind, playerId, matchId) == 1;

    public Task ReleaseAsync(string kind, IReadOnlyList<SeatRef> seats, CancellationToken cancellationToken) =>
        seats.Count == 0 ? Task.CompletedTask : RunAsync(RedisMatchDirectoryScripts.Release, kind, [Ms(_games.ReconnectGrace), .. Pairs(seats)]);

    public async Task<DirectoryUpkeep> MaintainAsync(string kind, IReadOnlyList<SeatRef> connected, IReadOnlyList<string> owned, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await RunAsync(
            RedisMatchDirectoryScripts.Maintain, kind, [SeatMs, LeaseMs, connected.Count, .. Pairs(connected), .. owned.Select(m => (RedisValue)m)]))!;
        var seats = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
        foreach (var entry in (RedisResult[])reply[0]!)
        {
            var fields = (RedisResult[])entry!;
            seats[(string)fields[0]!] = (long)fields[1] == 1 ? Holders(fields[2]) : null;
        }

        var soonest = (long)reply[2];
        return new DirectoryUpkeep(seats, (string[])reply[1]!, soonest < 0 ? null : TimeSpan.FromMilliseconds(soonest));
    }

    public async Task<IReadOnlyDictionary<string, string>?> AdoptAsync(string kind, string matchId, CancellationToken cancellationToken)
    {
        var reply = (RedisResult[])(await RunAsync(RedisMatchDirectoryScripts.Adopt, kind, matchId, LeaseMs))!;
        return (long)reply[0] == 1 ? Holders(reply[1]) : null;
    }

    public Task RegisterAsync(string kind, string matchId, IReadOnlyList<(string PlayerId, string Name)> players, CancellationToken cancellationToken) =>
        RunAsync(RedisMatchDirectoryScripts.Register, kind, [matchId, SeatMs, LeaseMs, .. players.SelectMany(p => new RedisValue[] { p.PlayerId, p.Name })]);

    public async Task<bool> EndAsync(string kind, string matchId, bool force, CancellationToken cancellationToken) =>
        (long)await RunAsync(RedisMatchDirectoryScripts.End, kind, matchId, force ? 1 : 0) == 1;

    public Task HandOffAsync(string kind, string matchId, CancellationToken cancellationToken) =>
        RunAsync(RedisMatchDirectoryScripts.HandOff, kind, matchId);

    private Task<RedisResult> RunAsync(Redis.RedisScript script, string kind, params RedisValue[] arguments)
    {
        var directory = GameKeys.Directory(_prefix, kind);
        return script.EvaluateAsync(_database, [$"{directory}:matches"], [directory, _nodeId, .. arguments]); // the key routes the script to the kind's slot
    }

    /// <summary>A script's {player, name…} list as player → name.</summary>
    private static Dictionary<string, string> Holders(RedisResult list)
    {
        var flat = (string[])list!;
        var holders = new Dictionary<string, string>(flat.Length / 2, StringComparer.Ordinal);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            holders[flat[i]] = flat[i + 1];
        }

        return holders;
    }

    private static IEnumerable<RedisValue> Pairs(IReadOnlyList<SeatRef> seats) =>
        seats.SelectMany(s => new RedisValue[] { s.MatchId, s.PlayerId });

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;
}
