using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games;

/// <summary>Builds the <see cref="HubException"/>s players see, each starting with a contract prefix from <see cref="GameErrors"/>.</summary>
public static class GameHubErrors
{
    public static HubException InvalidKind(IEnumerable<string> kinds) =>
        Create(GameErrors.InvalidKind, $"no game kind of that name runs here; the kinds are: {string.Join(", ", kinds)}");

    /// <summary>Names the id only when it is well formed (then at most 64 harmless characters).</summary>
    public static HubException NoSuchMatch(string? matchId) => Create(
        GameErrors.NoSuchMatch,
        MatchIds.IsWellFormed(matchId) ? $"no running match has the id '{matchId}'" : "a match id is 1-64 of [A-Za-z0-9_.:-]");

    public static HubException MatchFull(string matchId) => Create(GameErrors.MatchFull, $"every seat of '{matchId}' is taken");

    public static HubException NotInMatch(string matchId) => Create(GameErrors.NotInMatch, $"this connection holds no seat in '{matchId}'; call JoinMatch or FindMatch first");

    public static HubException RateLimited() => Create(GameErrors.RateLimited, "too many inputs; this one was dropped");

    public static HubException Unavailable(string detail) => Create(GameErrors.Unavailable, detail);

    private static HubException Create(string prefix, string detail) => new($"{prefix}: {detail}");
}
