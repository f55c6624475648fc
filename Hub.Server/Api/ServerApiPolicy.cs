using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using RealtimeHub.Server.Authentication;

namespace RealtimeHub.Server.Api;

/// <summary>
/// Who may call <c>/api/v1</c>: a service with a key from <c>Api:Keys</c> (<c>X-Api-Key</c>), or a bearer token with
/// the <c>realtimehub.api</c> scope. Neither: 401. A user's token without the scope: 403.
/// </summary>
public static class ServerApiPolicy
{
    public const string Name = "server-api";

    public static void Configure(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(ApiKeyDefaults.AuthenticationScheme, JwtBearerDefaults.AuthenticationScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => context.User.HasClaim(c => c.Type == HubClaimTypes.ApiKeyName) || context.User.HasApiScope());

    /// <summary>How logs name the caller: the key's name, or the token's subject.</summary>
    public static string CallerName(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(HubClaimTypes.ApiKeyName)?.Value is { } key ? $"key:{key}" : $"token:{user.FindFirst(HubClaimTypes.Subject)?.Value}";
}
