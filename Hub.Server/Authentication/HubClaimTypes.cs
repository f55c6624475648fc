namespace RealtimeHub.Server.Authentication;

/// <summary>The JWT claims identity and permissions come from.</summary>
public static class HubClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";

    /// <summary>Private rooms the token's user is a member of: a JSON array, or one claim per room.</summary>
    public const string Rooms = "rooms";

    /// <summary>Private feeds the token's user is a member of, in the same shapes as <see cref="Rooms"/>.</summary>
    public const string Feeds = "feeds";

    /// <summary>OAuth scopes: one space-separated string, or one claim per scope.</summary>
    public const string Scope = "scope";

    /// <summary>Scopes as some providers (Microsoft Entra ID) name the claim.</summary>
    public const string ScopeShort = "scp";

    /// <summary>The name (never the value) of the <c>Api:Keys</c> entry a service authenticated with.</summary>
    public const string ApiKeyName = "api_key";
}
