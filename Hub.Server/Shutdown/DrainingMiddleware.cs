using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Net.Http.Headers;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Shutdown;

/// <summary>
/// While draining, answers 503 to every request that would open a hub connection (negotiate, and a WebSocket
/// upgrade or a skip-negotiation request), so the balancer retries another node. Requests of connections that
/// already exist (long polling, server-sent events) still pass: they are being closed with a reconnect hint.
/// </summary>
internal sealed class DrainingMiddleware(RequestDelegate next, ConnectionDrainer drainer, ILogger<DrainingMiddleware> logger)
{
    private const string RetryAfterSeconds = "1";

    public Task InvokeAsync(HttpContext context)
    {
        if (!drainer.IsDraining || !OpensConnection(context.Request, context.WebSockets.IsWebSocketRequest))
        {
            return next(context);
        }

        ShutdownLog.Refused(logger, context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds;
        context.Response.Headers[HeaderNames.Connection] = "close";
        return Task.CompletedTask;
    }

    private static bool OpensConnection(HttpRequest request, bool isWebSocket)
    {
        if (!request.Path.StartsWithSegments(HubRoutes.Chat, out var rest))
        {
            return false;
        }

        return rest.Equals("/negotiate", StringComparison.OrdinalIgnoreCase)
            || isWebSocket
            || !request.Query.ContainsKey("id"); // skipNegotiation, or a request with no connection to belong to
    }
}
