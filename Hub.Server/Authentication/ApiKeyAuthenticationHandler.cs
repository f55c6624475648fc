using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Api;

namespace RealtimeHub.Server.Authentication;

/// <summary>
/// Authenticates a service by the <c>X-Api-Key</c> header against <c>Api:Keys</c>. Only the header counts: a key
/// in the query string is ignored (URLs end up in logs and browser histories). The principal carries the key's name
/// (<see cref="HubClaimTypes.ApiKeyName"/>), which logs and traces show; the key itself is never logged.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRing keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiLimits.ApiKeyHeader, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = values.Count == 1 ? values[0] : null;
        var name = string.IsNullOrEmpty(presented) ? null : keys.Match(presented);
        if (name is null)
        {
            ApiKeyLog.Rejected(Logger, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of Api:Keys."));
        }

        Activity.Current?.SetTag("realtimehub.api_key", name);
        ApiKeyLog.Accepted(Logger, name);
        var identity = new ClaimsIdentity([new Claim(HubClaimTypes.ApiKeyName, name)], Scheme.Name, HubClaimTypes.ApiKeyName, roleType: null);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.Append("WWW-Authenticate", $"{ApiKeyDefaults.AuthenticationScheme} header=\"{ApiLimits.ApiKeyHeader}\"");
        return base.HandleChallengeAsync(properties);
    }
}
