namespace RealtimeHub.Server.Authentication;

/// <summary>The server API key authentication scheme.</summary>
public static class ApiKeyDefaults
{
    public const string AuthenticationScheme = "ApiKey";
}
