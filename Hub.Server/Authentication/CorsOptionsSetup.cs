using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Authentication;

/// <summary>Allows exactly the configured origins (with credentials, as the SignalR clients need); nothing else.</summary>
public sealed class CorsOptionsSetup(IOptions<AuthOptions> auth) : IConfigureOptions<CorsOptions>
{
    public void Configure(CorsOptions options) =>
        options.AddPolicy(CorsPolicies.Clients, policy =>
        {
            var origins = auth.Value.AllowedOrigins;
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST").AllowCredentials();
            }
        });
}
