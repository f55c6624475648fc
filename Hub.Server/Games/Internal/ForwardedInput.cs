namespace RealtimeHub.Server.Games.Internal;

/// <summary>To the match's node: a player's input as the client sent it (plain values, or null when it was too large to forward).</summary>
public sealed record ForwardedInput(string Origin, string PlayerId, long Sequence, object? Input) : MatchBusMessage(Origin);
