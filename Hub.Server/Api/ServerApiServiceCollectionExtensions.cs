using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using RealtimeHub.Contracts;
using Scalar.AspNetCore;

namespace RealtimeHub.Server.Api;

public static class ServerApiServiceCollectionExtensions
{
    /// <summary>The server API's authorization policy, input rules and OpenAPI document (with both auth schemes).</summary>
    public static IServiceCollection AddServerApi(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(ServerApiPolicy.Name, ServerApiPolicy.Configure);
        services.AddSingleton<ApiInput>();

        // A body that does not bind (malformed JSON, wrong content type, too large) is answered with its status code and
        // a problem body, in every environment; by default Development throws instead.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 32);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ServerApiDocumentTransformer>();
            options.ShouldInclude = description => description.RelativePath?.StartsWith(HubRoutes.Api.TrimStart('/'), StringComparison.Ordinal) == true
                || description.RelativePath == HubRoutes.Token.TrimStart('/');
        });
        return services;
    }

    /// <summary>
    /// The OpenAPI document at <c>/openapi/v1.json</c>, and in Development an interactive reference at <c>/scalar/v1</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapServerApiReference(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        endpoints.MapOpenApi(HubRoutes.OpenApi.Replace("v1", "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        if (environment.IsDevelopment())
        {
            endpoints.MapScalarApiReference().AllowAnonymous();
        }

        return endpoints;
    }
}
