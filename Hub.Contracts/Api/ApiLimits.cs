namespace RealtimeHub.Contracts.Api;

/// <summary>Limits of the server API that both sides check.</summary>
public static class ApiLimits
{
    /// <summary>Largest request body the API reads; larger ones are answered 413.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Largest <see cref="NotificationRequest.Data"/>, as UTF-8 JSON text.</summary>
    public const int MaxNotificationDataBytes = 16 * 1024;

    public const int MaxNotificationTypeLength = 64;

    public const int MaxHistoryPage = ChatLimits.MaxHistoryPage;

    /// <summary>The header a service sends its key in.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The OAuth scope a bearer token needs to call the API.</summary>
    public const string Scope = "realtimehub.api";
}
