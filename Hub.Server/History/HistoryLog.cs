namespace RealtimeHub.Server.History;

internal static partial class HistoryLog
{
    [LoggerMessage(1, LogLevel.Warning, "The log of {Kind} {Name} is in a new epoch {Epoch}: it was lost in Redis (restarted empty, flushed, evicted or failed over), so its sequences start again at 1.")]
    public static partial void EpochChanged(ILogger logger, string kind, string name, string epoch);

    [LoggerMessage(2, LogLevel.Warning, "Could not look for unbroadcast entries in {Kind} {Name}; the next pass tries again.")]
    public static partial void SweepFailed(ILogger logger, string kind, string name, Exception exception);
}
