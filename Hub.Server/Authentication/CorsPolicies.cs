namespace RealtimeHub.Server.Authentication;

/// <summary>The one CORS policy: origins from <c>Auth:AllowedOrigins</c>, none by default.</summary>
public static class CorsPolicies
{
    public const string Clients = "clients";
}
