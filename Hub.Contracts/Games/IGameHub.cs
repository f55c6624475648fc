namespace RealtimeHub.Contracts.Games;

/// <summary>Methods a client invokes on the hub at <see cref="HubRoutes.Game"/>, by these exact names.</summary>
public interface IGameHub
{
    /// <summary>
    /// A seat in a running match of <paramref name="kind"/> with a free seat, on any node (existing matches fill first),
    /// or in a new match. A user who still holds a seat (within <c>Games:ReconnectGrace</c>) gets that seat back.
    /// </summary>
    Task<MatchJoin> FindMatch(string kind);

    /// <summary>A seat in that match; <c>match full</c>, <c>no such match</c>.</summary>
    Task<MatchJoin> JoinMatch(string matchId);

    /// <summary>
    /// One input of the kind (arena: <c>{ "dx", "dy" }</c>, each −1…1, clamped; other fields ignored), numbered by the
    /// client so it can reconcile with <see cref="MatchDelta.LastInputSequence"/>. The newest input is applied at each
    /// tick. <paramref name="input"/> arrives as a <c>JsonElement</c> (JSON protocol) or plain maps (MessagePack).
    /// </summary>
    Task SendInput(string matchId, long sequence, object? input);

    /// <summary>Frees the seat; no more <c>MatchState</c> for that match.</summary>
    Task LeaveMatch(string matchId);
}
