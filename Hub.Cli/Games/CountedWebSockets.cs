using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections.Client;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Cli.Games;

/// <summary>
/// The WebSocket factory of one bot's connection (<see cref="HttpConnectionOptions.WebSocketFactory"/>): dials with
/// <see cref="WebSocketDialer"/> and counts every byte read from the TCP socket (the upgrade response, then each
/// WebSocket frame with its header: states, scoreboards, pings, answers), over all of the bot's reconnects.
/// </summary>
internal sealed class CountedWebSockets
{
    private readonly Lock _sync = new();
    private readonly List<CountingStream> _counters = [];

    public long BytesRead
    {
        get
        {
            lock (_sync)
            {
                return _counters.Sum(c => c.BytesRead);
            }
        }
    }

    public async ValueTask<WebSocket> ConnectAsync(WebSocketConnectionContext context, CancellationToken cancellationToken)
    {
        var token = context.Options.AccessTokenProvider is { } provider ? await provider().ConfigureAwait(false) : null;
        var dialed = await WebSocketDialer.DialAsync(context.Uri, token, countBytes: true, cancellationToken).ConfigureAwait(false);
        lock (_sync)
        {
            _counters.Add(dialed.Counter!);
        }

        return dialed.Socket;
    }
}
