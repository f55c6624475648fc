using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Authentication;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The user as the token names it: <c>sub</c> and <c>name</c> (the subject when there is no name).</summary>
    public static UserPresence ToPresence(this ClaimsPrincipal? user)
    {
        var userId = user?.FindFirst(HubClaimTypes.Subject)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            throw new HubException($"{ChatErrors.InvalidUser}: the token has no subject");
        }

        var name = user!.FindFirst(HubClaimTypes.Name)?.Value;
        return new UserPresence(userId, string.IsNullOrEmpty(name) ? userId : name);
    }
}
