namespace RealtimeHub.Server.Authentication;

/// <summary>The JWT claims identity comes from.</summary>
public static class HubClaimTypes
{
    public const string Subject = "sub";
    public const string Name = "name";
}
