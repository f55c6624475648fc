using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>Ends a connection that this node cannot serve right now, asking the client to come back.</summary>
internal static class ReconnectRequest
{
    /// <summary>
    /// A plain abort reads as a clean close to SignalR's clients, which then stop for good; a close message that allows
    /// reconnecting makes them retry with their backoff.
    /// </summary>
    public static async Task SendAsync(HubConnectionContext connection, string reason)
    {
        try
        {
            await connection.WriteAsync(new CloseMessage(reason, allowReconnect: true), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Already gone: nothing to ask.
        }

        connection.Abort();
    }
}
