using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// From the match's node, for the node that asked (<see cref="RequestNode"/>, <see cref="RequestId"/>): the seat with
/// the player's full view, or the contract error that refused it (only ever <c>match full</c>). Sent in order with the states, so every state after
/// it builds on <see cref="Join"/>.
/// </summary>
public sealed record JoinReply(string Origin, string RequestNode, long RequestId, MatchJoin? Join, string? Error) : MatchBusMessage(Origin);
