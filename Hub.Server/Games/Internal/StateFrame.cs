namespace RealtimeHub.Server.Games.Internal;

/// <summary>From the match's node every <c>Games:StateInterval</c>: one delta per seated player, at <see cref="Tick"/>.</summary>
public sealed record StateFrame(string Origin, long Tick, PlayerDelta[] Deltas) : MatchBusMessage(Origin);
