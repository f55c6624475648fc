using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace RealtimeHub.Server.Authentication;

/// <summary>
/// The principal a connection keeps: the token's <c>sub</c> and <c>name</c>, nothing else. The validated token's own
/// identity holds the token object, its text and every claim, and a connection holds its principal for hours, so
/// this one replaces it (about 4 KB less per idle connection; see docs/BENCHMARKS.md).
/// </summary>
public static class HubPrincipal
{
    public static ClaimsPrincipal Create(string userId, string? name)
    {
        var claims = new List<Claim>(2) { new(HubClaimTypes.Subject, userId) };
        if (!string.IsNullOrEmpty(name))
        {
            claims.Add(new Claim(HubClaimTypes.Name, name));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme, HubClaimTypes.Name, roleType: null));
    }
}
