namespace RealtimeHub.Server.Authentication;

internal static partial class ApiKeyLog
{
    [LoggerMessage(1, LogLevel.Debug, "A request authenticated with API key {KeyName}.")]
    public static partial void Accepted(ILogger logger, string keyName);

    [LoggerMessage(2, LogLevel.Information, "A request to {Path} presented an API key that is not configured.")]
    public static partial void Rejected(ILogger logger, string path);
}
