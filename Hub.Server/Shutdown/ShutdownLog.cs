namespace RealtimeHub.Server.Shutdown;

internal static partial class ShutdownLog
{
    [LoggerMessage(1, LogLevel.Information, "Draining: telling {Count} connection(s) to reconnect elsewhere.")]
    public static partial void Draining(ILogger logger, int count);

    [LoggerMessage(2, LogLevel.Information, "Drained in {ElapsedMs} ms.")]
    public static partial void Drained(ILogger logger, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "Drain timed out after {ElapsedMs} ms with {Count} connection(s) still open; the host closes them.")]
    public static partial void DrainTimedOut(ILogger logger, long elapsedMs, int count);

    [LoggerMessage(4, LogLevel.Debug, "Refused {Method} {Path} while draining.")]
    public static partial void Refused(ILogger logger, string method, string path);

    [LoggerMessage(5, LogLevel.Warning, "Connection {ConnectionId} cannot be asked to reconnect (no close-request feature); aborting it.")]
    public static partial void CannotRequestClose(ILogger logger, string connectionId);
}
