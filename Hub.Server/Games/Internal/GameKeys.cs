namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// Where games live in Redis. A kind's directory (its matches, seats, players and leases) shares one hash tag,
/// <c>{prefix:games:kind}</c>, so a seat is claimed atomically across all of the kind's matches; a match's own keys and
/// channels share another, <c>{prefix:match:id}</c>, so its state, its lease and its traffic sit on one shard of a
/// Redis Cluster and matches spread over the shards.
/// </summary>
internal static class GameKeys
{
    public static string Directory(string prefix, string kind) => $"{{{prefix}:games:{kind}}}";

    public static string Match(string prefix, string matchId) => $"{{{prefix}:match:{matchId}}}";
}
