namespace RealtimeHub.Server.Games;

/// <summary>What a game kind gets to create or restore a match: the settings, and the entity table it shows its world in.</summary>
public sealed record MatchSetup(GamesOptions Options, MatchEntities Entities)
{
    /// <summary>Seconds one step simulates: 1 / <c>Games:TickRate</c>.</summary>
    public double StepSeconds => 1.0 / Options.TickRate;
}
