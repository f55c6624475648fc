namespace RealtimeHub.Contracts.Games;

/// <summary>Events the hub at <see cref="HubRoutes.Game"/> raises on the players of a match.</summary>
public interface IGameClient
{
    /// <summary>Every <c>Games:StateInterval</c>: what changed near this player, or all of it when <c>full</c>.</summary>
    Task MatchState(string matchId, MatchDelta delta);

    /// <summary>Every <c>Games:ScoreboardInterval</c>: the seated players' scores, those within their reconnect grace included.</summary>
    Task Scoreboard(string matchId, Score[] scores);

    /// <summary>At the end of each round: its final scores. Scores then reset and the match goes on.</summary>
    Task MatchEnded(string matchId, Score[] scores);
}
