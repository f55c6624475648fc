using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Authentication;

/// <summary>
/// The principal a connection keeps: the token's <c>sub</c> and <c>name</c>, the private rooms and feeds its
/// <c>rooms</c> and <c>feeds</c> claims name, and the API scope if the token has it; nothing else. The validated token's
/// own identity holds the token object, its text and every claim, and a connection holds its principal for hours, so
/// this one replaces it (about 4 KB less per idle connection; see docs/BENCHMARKS.md).
/// </summary>
public static class HubPrincipal
{
    /// <param name="userId">The token's subject.</param>
    /// <param name="name">The token's display name, if any.</param>
    /// <param name="memberships">Private resources the token names, each as its kind's claim (<see cref="AccessKind.Claim"/>).</param>
    /// <param name="apiScope">Whether the token carries the server API's scope.</param>
    public static ClaimsPrincipal Create(string userId, string? name, IEnumerable<(AccessKind Kind, string Name)>? memberships = null, bool apiScope = false)
    {
        var claims = new List<Claim>(2) { new(HubClaimTypes.Subject, userId) };
        if (!string.IsNullOrEmpty(name))
        {
            claims.Add(new Claim(HubClaimTypes.Name, name));
        }

        foreach (var (kind, resource) in memberships ?? [])
        {
            claims.Add(new Claim(kind.Claim, resource));
        }

        if (apiScope)
        {
            claims.Add(new Claim(HubClaimTypes.Scope, ApiLimits.Scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, JwtBearerDefaults.AuthenticationScheme, HubClaimTypes.Name, roleType: null));
    }

    /// <summary>Builds the kept principal from a validated token's principal.</summary>
    public static ClaimsPrincipal FromToken(string userId, ClaimsPrincipal token) =>
        Create(
            userId,
            token.FindFirst(HubClaimTypes.Name)?.Value,
            AccessKind.All.SelectMany(kind => TokenClaims.Names(token, kind).Select(name => (kind, name))),
            TokenClaims.HasApiScope(token));

    /// <summary>Whether the principal's token names <paramref name="name"/> in its claim of <paramref name="kind"/> (<c>rooms</c>, <c>feeds</c>).</summary>
    public static bool Names(this ClaimsPrincipal? user, AccessKind kind, string name) =>
        user?.HasClaim(kind.Claim, name) == true;

    /// <summary>Whether the principal's token carries the <c>realtimehub.api</c> scope.</summary>
    public static bool HasApiScope(this ClaimsPrincipal? user) =>
        user?.HasClaim(HubClaimTypes.Scope, ApiLimits.Scope) == true;
}
