using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Api;

namespace RealtimeHub.Server.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    private const string HostingRequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// JWT bearer authentication from the <c>Auth</c> section (the default scheme), the server API key scheme from
    /// <c>Api:Keys</c>, the dev token issuer, and the CORS policy.
    /// </summary>
    public static IServiceCollection AddHubAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<AuthOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerOptionsSetup>();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<ApiKeyRing>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.AuthenticationScheme, configureOptions: null);
        services.AddAuthorization();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddCors();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, CorsOptionsSetup>();

        // Browsers send the token in the hub URL's query string, and ASP.NET Core's request lines ("Request starting
        // GET …?access_token=…") print whole URLs at Information: never let them through, whatever the log levels say.
        // Off entirely (it logs nothing above Information): while it is enabled at all, hosting keeps an Activity and
        // log scopes alive per request, and a hub request lasts as long as its connection.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter(HostingRequestLogCategory, LogLevel.None));
        return services;
    }
}
