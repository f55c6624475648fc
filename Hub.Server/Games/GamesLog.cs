namespace RealtimeHub.Server.Games;

internal static partial class GamesLog
{
    [LoggerMessage(1, LogLevel.Error, "Match {MatchId} of kind {Kind} failed at tick {Tick}; it no longer runs on this node.")]
    public static partial void MatchFaulted(ILogger logger, string matchId, string kind, long tick, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "An observer of match {MatchId} failed at tick {Tick}; the match goes on.")]
    public static partial void ObserverFailed(ILogger logger, string matchId, long tick, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "The match loop fell {Skipped} ticks behind its clock and skipped them; its {Matches} matches' clocks slowed by that much.")]
    public static partial void TicksSkipped(ILogger logger, long skipped, int matches);
}
