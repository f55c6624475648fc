using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Diagnostics;

/// <summary>Counts every hub's open connections for <c>/stats</c> (<see cref="HubMetrics.Connections"/>), whatever the hub.</summary>
internal sealed class ConnectionCountingHubFilter(HubMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        metrics.ConnectionOpened();
        try
        {
            await next(context);
        }
        catch
        {
            metrics.ConnectionClosed(); // a refused connection never reaches OnDisconnectedAsync
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        metrics.ConnectionClosed();
        await next(context, exception);
    }
}
