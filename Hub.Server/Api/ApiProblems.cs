using Microsoft.AspNetCore.Http.HttpResults;

namespace RealtimeHub.Server.Api;

/// <summary>The API's problem+json answers.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "invalid request");

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "request too large");

    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem("The node cannot reach Redis now; nothing was stored. Retry shortly (with the same clientMessageId).",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "unavailable");
}
