namespace RealtimeHub.Server.History;

internal static partial class HistoryLog
{
    [LoggerMessage(1, LogLevel.Warning, "Room {Room} is in a new epoch {Epoch}: its history in Redis was lost (restarted empty, flushed, evicted or failed over), so its sequences start again at 1.")]
    public static partial void EpochChanged(ILogger logger, string room, string epoch);
}
