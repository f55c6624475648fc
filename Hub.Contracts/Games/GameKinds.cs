namespace RealtimeHub.Contracts.Games;

/// <summary>Names of the game kinds the hub ships, as <c>FindMatch(kind)</c> takes them.</summary>
public static class GameKinds
{
    /// <summary>Players move in a 1000 × 1000 field at a capped speed and score by touching gems; rounds of <c>Games:RoundLength</c>.</summary>
    public const string Arena = "arena";
}
