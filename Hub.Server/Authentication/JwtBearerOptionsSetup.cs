using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Authentication;

/// <summary>Configures JWT bearer validation from <see cref="AuthOptions"/>, so the two never drift apart.</summary>
public sealed class JwtBearerOptionsSetup(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    /// <summary>The hubs of the contract (§3): each takes the token from the query string as well as from the header.</summary>
    private static readonly string[] HubPaths = [HubRoutes.Chat, HubRoutes.Live, HubRoutes.Documents, HubRoutes.Game];

    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        var settings = auth.Value;
        options.MapInboundClaims = false; // keep "sub" and "name" as the token says them
        options.SaveToken = false; // a connection lives for hours; it has no use for the token's text once validated
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = HubClaimTypes.Name,
        };

        if (!string.IsNullOrEmpty(settings.Authority))
        {
            options.Authority = settings.Authority;
        }
        else
        {
            options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey!));
            options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        options.Events = new JwtBearerEvents
        {
            // Browsers cannot set headers on WebSockets, so the hubs (and only the hubs) also accept the query string.
            OnMessageReceived = context =>
            {
                if (HubPaths.Any(path => context.HttpContext.Request.Path.StartsWithSegments(path))
                    && context.Request.Query.TryGetValue("access_token", out var token)
                    && string.IsNullOrEmpty(context.Token))
                {
                    context.Token = token.ToString();
                }

                return Task.CompletedTask;
            },

            // Identity is the token's sub and nothing else, so a token without a usable one authenticates nobody:
            // refused here (401) rather than accepted and then failing, or worse working, inside the hub.
            OnTokenValidated = context =>
            {
                var subject = context.Principal?.FindFirst(HubClaimTypes.Subject)?.Value;
                if (!InputRules.IsValidUserId(subject))
                {
                    context.Fail("The token has no valid subject (sub).");
                    return Task.CompletedTask;
                }

                context.Principal = HubPrincipal.FromToken(subject!, context.Principal!);
                return Task.CompletedTask;
            },
        };
    }
}
