namespace RealtimeHub.Contracts;

/// <summary>Routes fixed by the public contract.</summary>
public static class HubRoutes
{
    public const string Chat = "/hubs/chat";
    public const string Live = "/hubs/live";
    public const string Documents = "/hubs/docs";
    public const string Game = "/hubs/game";
    public const string Token = "/auth/token";
    public const string Health = "/healthz";
    public const string Ready = "/readyz";
    public const string Stats = "/stats";
    public const string Api = "/api/v1";
    public const string OpenApi = "/openapi/v1.json";
}
