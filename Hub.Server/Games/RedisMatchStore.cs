using Microsoft.Extensions.Options;
using RealtimeHub.Server.Games.Internal;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Scaleout;
using StackExchange.Redis;

namespace RealtimeHub.Server.Games;

/// <summary>
/// A match's <c>:lease</c> (this node's id, expiring after <c>Games:LeaseDuration</c>) and <c>:state</c> (its last save),
/// both under the match's hash tag (<see cref="GameKeys.Match"/>). A save renews the lease in the same script, and
/// writes nothing while another node holds it: a node that stalled past its lease cannot overwrite the state its
/// successor resumed from.
/// </summary>
public sealed class RedisMatchStore(RedisBackplane backplane, IOptions<MatchHostingOptions> options) : IMatchStore
{
    /// <summary>KEYS = lease, state; ARGV = node, lease ms, state. Returns 1 renewed, 2 taken again (nobody held it), 0 held by another node.</summary>
    private static readonly RedisScript Save = new("""
        local owner = redis.call('GET', KEYS[1])
        if owner and owner ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('SET', KEYS[2], ARGV[3])
        if owner then return 1 end
        return 2
        """);

    /// <summary>KEYS = lease, state; ARGV = node, 1 to delete the state too.</summary>
    private static readonly RedisScript Release = new("""
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        if ARGV[2] == '1' then redis.call('DEL', KEYS[2]) end
        return 1
        """);

    private readonly IDatabase _database = backplane.Redis.GetDatabase();
    private readonly long _leaseMs = (long)options.Value.LeaseDuration.TotalMilliseconds;

    public Task<bool> TryTakeLeaseAsync(string matchId, CancellationToken cancellationToken) =>
        _database.StringSetAsync(Key(matchId, "lease"), backplane.NodeId, TimeSpan.FromMilliseconds(_leaseMs), When.NotExists);

    public async Task<LeaseStatus> SaveAsync(string matchId, byte[] state, CancellationToken cancellationToken) =>
        (long)await Save.EvaluateAsync(_database, [Key(matchId, "lease"), Key(matchId, "state")], [backplane.NodeId, _leaseMs, state]).ConfigureAwait(false) switch
        {
            1 => LeaseStatus.Held,
            2 => LeaseStatus.Retaken,
            _ => LeaseStatus.Lost,
        };

    public async Task<byte[]?> LoadAsync(string matchId, CancellationToken cancellationToken) =>
        await _database.StringGetAsync(Key(matchId, "state")).ConfigureAwait(false);

    public Task ReleaseAsync(string matchId, bool deleteState, CancellationToken cancellationToken) =>
        Release.EvaluateAsync(_database, [Key(matchId, "lease"), Key(matchId, "state")], [backplane.NodeId, deleteState ? 1 : 0]);

    private RedisKey Key(string matchId, string name) => $"{GameKeys.Match(backplane.Options.ChannelPrefix, matchId)}:{name}";
}
