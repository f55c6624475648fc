namespace RealtimeHub.Server.Games;

internal static partial class MatchHostLog
{
    [LoggerMessage(1, LogLevel.Information, "Match {MatchId} of kind {Kind} started on this node.")]
    public static partial void Started(ILogger logger, string matchId, string kind);

    [LoggerMessage(2, LogLevel.Warning, "Match {MatchId} resumed on this node from its save at tick {Tick} with {Players} players: its node stopped renewing its lease.")]
    public static partial void Adopted(ILogger logger, string matchId, long tick, int players);

    [LoggerMessage(3, LogLevel.Warning, "Match {MatchId} runs on another node now; it stopped here.")]
    public static partial void Lost(ILogger logger, string matchId);

    [LoggerMessage(4, LogLevel.Warning, "Redis had lost match {MatchId}; this node wrote it back with its players.")]
    public static partial void Registered(ILogger logger, string matchId);

    [LoggerMessage(5, LogLevel.Information, "Match {MatchId} ended.")]
    public static partial void Ended(ILogger logger, string matchId);

    [LoggerMessage(6, LogLevel.Error, "Match {MatchId} cannot be resumed from its save; it ends and its seats are freed.")]
    public static partial void CannotResume(ILogger logger, string matchId, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Games {Task} failed; retrying next interval.")]
    public static partial void UpkeepFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(8, LogLevel.Warning, "A message on {Channel} is not a match message; dropped.")]
    public static partial void CorruptMessage(ILogger logger, string channel, Exception exception);

    [LoggerMessage(9, LogLevel.Warning, "Handling a {Message} from {Channel} failed; the channel goes on.")]
    public static partial void MessageFailed(ILogger logger, string channel, string message, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "Sending a match's state to a player's connection failed.")]
    public static partial void SendFailed(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Warning, "Handing out a match's state or scores failed; its next ones go out as usual.")]
    public static partial void HandOutFailed(ILogger logger, Exception exception);
}
