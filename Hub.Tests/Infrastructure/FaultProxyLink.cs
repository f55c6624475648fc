using System.Net.Sockets;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// One connection through a <see cref="FaultProxy"/>: two pumps (client → target, target → client), each reading a
/// chunk, waiting while the proxy is stalled or slowed, then writing it on. An end-of-stream is passed on as a FIN;
/// an error on either socket resets both.
/// </summary>
internal sealed class FaultProxyLink
{
    private const int ChunkSize = 16 * 1024;

    private readonly FaultProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _target;
    private readonly CancellationTokenSource _cut;
    private int _closed;
    private int _halfClosedToClient;
    private int _halfClosedToTarget;

    public FaultProxyLink(FaultProxy proxy, Socket client, Socket target, CancellationToken stopping)
    {
        _proxy = proxy;
        _client = client;
        _target = target;
        _cut = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public void Start() => _ = RunAsync();

    public void Cut(FaultProxyCutMode mode)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        _cut.Cancel();
        if (mode == FaultProxyCutMode.Reset)
        {
            Abort(_client);
            Abort(_target);
        }
        else
        {
            Shut(_client);
            Shut(_target);
        }
    }

    public void HalfClose(FaultProxyDirection direction)
    {
        if (direction == FaultProxyDirection.ToClient)
        {
            Interlocked.Exchange(ref _halfClosedToClient, 1);
            ShutdownSend(_client);
        }
        else
        {
            Interlocked.Exchange(ref _halfClosedToTarget, 1);
            ShutdownSend(_target);
        }
    }

    /// <summary>Closes with a RST (zero linger) rather than a FIN.</summary>
    public static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    private static void Shut(Socket socket)
    {
        ShutdownSend(socket);
        socket.Dispose();
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync()
    {
        var toTarget = PumpAsync(_client, _target, FaultProxyDirection.ToTarget, () => Volatile.Read(ref _halfClosedToTarget) == 1);
        var toClient = PumpAsync(_target, _client, FaultProxyDirection.ToClient, () => Volatile.Read(ref _halfClosedToClient) == 1);
        if (!await await Task.WhenAny(toTarget, toClient))
        {
            Cut(FaultProxyCutMode.Reset); // one side failed: the other must not linger half-open
        }

        // Both directions ended in an orderly way: close quietly; otherwise reset what is left. No-op once cut.
        var orderly = await toTarget & await toClient;
        Cut(orderly ? FaultProxyCutMode.Close : FaultProxyCutMode.Reset);
        _proxy.Remove(this);
        _cut.Dispose();
    }

    /// <returns>True when the source ended its stream (passed on as a FIN); false on an error or a cut.</returns>
    private async Task<bool> PumpAsync(Socket from, Socket to, FaultProxyDirection direction, Func<bool> dropped)
    {
        var buffer = new byte[ChunkSize];
        var token = _cut.Token;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, token);
                if (read == 0)
                {
                    ShutdownSend(to);
                    return true;
                }

                await _proxy.WaitUntilFlowingAsync(direction, token);
                var delay = _proxy.ChunkDelay;
                if (delay > TimeSpan.Zero)
                {
                    // Pacing of the simulated slow link, not test synchronisation.
                    await Task.Delay(delay, token);
                }

                if (!dropped())
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, token);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }
}
