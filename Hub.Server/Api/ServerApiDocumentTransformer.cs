using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;

namespace RealtimeHub.Server.Api;

/// <summary>
/// Describes the server API's two ways in: an <c>X-Api-Key</c> header, or a bearer token with the
/// <c>realtimehub.api</c> scope. Either one satisfies every <c>/api/v1</c> operation.
/// </summary>
public sealed class ServerApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string ApiKeyScheme = "ApiKey";
    private const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "RealtimeHub server API",
            Version = "v1",
            Description = "For other services: post into rooms, read history and presence, notify users, manage private rooms. "
                + $"Authenticate with an {ApiLimits.ApiKeyHeader} header (a key from Api:Keys) or a bearer token whose scope includes {ApiLimits.Scope}.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                Name = ApiLimits.ApiKeyHeader,
                In = ParameterLocation.Header,
                Description = "A key from Api:Keys:<name>. Never in the query string: keys there are ignored.",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"A token from Auth:Authority (or signed with Auth:SigningKey) whose scope includes {ApiLimits.Scope}.",
            },
        };

        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith(HubRoutes.Api, StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            }
        }

        return Task.CompletedTask;
    }
}
