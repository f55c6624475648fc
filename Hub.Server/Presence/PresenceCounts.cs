namespace RealtimeHub.Server.Presence;

/// <summary>Cluster-wide totals for <c>/stats</c> and metrics.</summary>
public readonly record struct PresenceCounts(long UsersOnline, long Rooms);
