namespace RealtimeHub.Cli.Games;

/// <summary>Running totals of all bots at one moment.</summary>
internal sealed record BotTotals(long Inputs, long States, long Bytes, long Errors)
{
    public BotTotals Since(BotTotals start) => new(Inputs - start.Inputs, States - start.States, Bytes - start.Bytes, Errors - start.Errors);
}
