using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Shutdown;

/// <summary>Registers every hub connection with the <see cref="ConnectionDrainer"/> for as long as it lives.</summary>
internal sealed class DrainingHubFilter(ConnectionDrainer drainer) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        drainer.Track(context.Context);
        try
        {
            await next(context);
        }
        catch
        {
            drainer.Forget(context.Context.ConnectionId); // a refused connection never reaches OnDisconnectedAsync
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            // Only now is the connection out of presence: the drain waits for this.
            drainer.Forget(context.Context.ConnectionId);
        }
    }
}
