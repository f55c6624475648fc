namespace RealtimeHub.Server.Diagnostics;

internal static partial class DiagnosticsLog
{
    // Event 1 (exporting over OTLP) went with the hand-built SDK; ids are not reused.

    [LoggerMessage(2, LogLevel.Debug, "Counting presence for the gauges failed; keeping the last counts.")]
    public static partial void PresenceCountFailed(ILogger logger, Exception exception);
}
