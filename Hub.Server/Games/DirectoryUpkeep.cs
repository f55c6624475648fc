namespace RealtimeHub.Server.Games;

/// <summary>
/// What <see cref="IMatchDirectory.MaintainAsync"/> found: for each match this node runs, who holds its seats (player →
/// name; null when the node no longer runs it: another took it over, or it is gone), the matches nobody renews, and how
/// soon the next lease of a match run elsewhere runs out unless renewed (null: none).
/// </summary>
public sealed record DirectoryUpkeep(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>?> Seats, IReadOnlyList<string> Orphans, TimeSpan? NextLeaseEnd);
