using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Authentication;

/// <summary><c>POST /auth/token</c>: development tokens for a user name, only while <c>Auth:DevTokens</c> is on.</summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubRoutes.Token, Issue).AllowAnonymous().RequireCors(CorsPolicies.Clients);
        return endpoints;
    }

    private static IResult Issue(TokenRequest? request, IOptions<AuthOptions> options, TokenIssuer issuer)
    {
        if (options.Value.DevTokens != true)
        {
            return Results.NotFound();
        }

        if (!InputRules.IsValidUserName(request?.UserName))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["userName"] = [$"Use 1–{ChatLimits.MaxNameLength} of A-Z a-z 0-9 _ . -"] },
                title: "invalid user name");
        }

        return Results.Ok(issuer.Issue(request!.UserName!));
    }
}
