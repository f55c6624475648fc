using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace RealtimeHub.Client.Api;

/// <summary>The server API refused a call: its status code and the problem+json body it sent, when there was one.</summary>
public sealed class RealtimeHubApiException(HttpStatusCode statusCode, ProblemDetails? problem)
    : Exception($"The RealtimeHub API answered {(int)statusCode} {statusCode}: {problem?.Detail ?? problem?.Title ?? "no details"}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public ProblemDetails? Problem { get; } = problem;
}
