namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// A match's saved state: the host's part (tick, seats) around the kind's own bytes. <see cref="Format"/> lets a
/// newer node refuse a state it cannot read rather than misread it.
/// </summary>
internal sealed record MatchSnapshot(int Format, string MatchId, string Kind, long Tick, MatchSnapshotSeat[] Seats, byte[] State)
{
    public const int CurrentFormat = 1;
}
