using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Chat;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout;

/// <summary>
/// Turns Redis failures inside a hub call into a clear <c>unavailable: …</c> error for the caller, instead of
/// SignalR's generic "an unexpected error occurred". The Redis client fails fast while disconnected, so calls never hang.
/// </summary>
public sealed class BackplaneErrorHubFilter(ILogger<BackplaneErrorHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BackplaneLog.CallFailed(logger, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, ex);
            throw HubErrors.Unavailable("the backplane is unreachable; retry shortly with the same clientMessageId");
        }
    }
}
