namespace RealtimeHub.Server.Diagnostics;

internal static partial class DiagnosticsLog
{
    [LoggerMessage(1, LogLevel.Information, "Exporting metrics and traces over OTLP to {Endpoint}.")]
    public static partial void ExportingTelemetry(ILogger logger, string? endpoint);

    [LoggerMessage(2, LogLevel.Debug, "Counting presence for the gauges failed; keeping the last counts.")]
    public static partial void PresenceCountFailed(ILogger logger, Exception exception);
}
