using System.Net.WebSockets;

namespace RealtimeHub.Cli.Bench.Wire;

/// <summary>An upgraded connection: the WebSocket, its byte counter when one was asked for, and its local TCP port.</summary>
internal sealed record DialedWebSocket(WebSocket Socket, CountingStream? Counter, int LocalPort);
