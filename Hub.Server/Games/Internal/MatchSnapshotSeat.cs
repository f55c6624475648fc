namespace RealtimeHub.Server.Games.Internal;

/// <summary>One seat in a <see cref="MatchSnapshot"/>, in seat order.</summary>
internal sealed record MatchSnapshotSeat(string PlayerId, string Name, long LastInputSequence);
