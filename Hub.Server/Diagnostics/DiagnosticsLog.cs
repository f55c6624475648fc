namespace RealtimeHub.Server.Diagnostics;

internal static partial class DiagnosticsLog
{
    [LoggerMessage(1, LogLevel.Information, "Exporting metrics and traces over OTLP to {Endpoint}.")]
    public static partial void ExportingTelemetry(ILogger logger, string? endpoint);
}
