using System.Net;
using System.Net.Sockets;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on <c>127.0.0.1:0</c> that forwards every connection to a target and breaks them on command: cut
/// (RST or FIN), stall (nothing forwarded either way, new connections included), slow (a pause before each chunk),
/// half-close one direction, and resume. Put it between clients and a node (<see cref="BaseUri"/>) or between a
/// node and Redis (<see cref="EndPoint"/> as <c>Redis:Configuration</c>). Faults apply to the connections open at
/// the time; later connections are forwarded normally unless the proxy is stalled or slowed.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<FaultProxyLink> _links = [];
    private readonly Lock _sync = new();
    // One gate per direction (indexed by FaultProxyDirection); a completed gate lets data through.
    private readonly TaskCompletionSource[] _flowing = [Opened(), Opened()];
    private long _chunkDelayTicks;
    private int _nextLinkId;

    private FaultProxy(int targetPort)
    {
        TargetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Where new connections go. May be changed at any time (a load balancer failing over); open ones stay.</summary>
    public int TargetPort { get; set; }

    /// <summary><c>127.0.0.1:port</c>, e.g. for <c>Redis:Configuration</c>.</summary>
    public string EndPoint => $"127.0.0.1:{Port}";

    /// <summary><c>http://127.0.0.1:port/</c>, for clients of a node behind the proxy.</summary>
    public Uri BaseUri => new($"http://{EndPoint}/");

    /// <summary>The id of every connection that reached the target, in order; wait on it to see a client (re)connect.</summary>
    public EventLog<int> Forwarded { get; } = new();

    /// <summary>Connections currently open through the proxy.</summary>
    public int OpenLinks
    {
        get
        {
            lock (_sync)
            {
                return _links.Count;
            }
        }
    }

    internal TimeSpan ChunkDelay => TimeSpan.FromTicks(Interlocked.Read(ref _chunkDelayTicks));

    public static FaultProxy Start(int targetPort) => new(targetPort);

    /// <summary>A proxy in front of <paramref name="target"/>'s port on loopback.</summary>
    public static FaultProxy Start(Uri target) => new(target.Port);

    /// <summary>Ends every open connection; both peers see the same (RST or FIN). New connections are accepted as before.</summary>
    /// <returns>How many connections were cut.</returns>
    public int Cut(FaultProxyCutMode mode = FaultProxyCutMode.Reset)
    {
        var links = Snapshot();
        foreach (var link in links)
        {
            link.Cut(mode);
        }

        return links.Length;
    }

    /// <summary>
    /// Stops forwarding, for open and new connections, until <see cref="Resume"/>: both directions, or only
    /// <paramref name="direction"/> (e.g. <see cref="FaultProxyDirection.ToClient"/>: requests reach the target, its
    /// replies are held). Nothing is dropped.
    /// </summary>
    public void Stall(FaultProxyDirection? direction = null)
    {
        lock (_sync)
        {
            for (var i = 0; i < _flowing.Length; i++)
            {
                if ((direction is null || (int)direction == i) && _flowing[i].Task.IsCompleted)
                {
                    _flowing[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
    }

    /// <summary>Waits <paramref name="perChunk"/> before forwarding each chunk read from either side, until <see cref="Resume"/>.</summary>
    public void Slow(TimeSpan perChunk) => Interlocked.Exchange(ref _chunkDelayTicks, perChunk.Ticks);

    /// <summary>
    /// Sends a FIN in one direction of every open connection and drops what would still travel that way; the other
    /// direction keeps flowing. <see cref="FaultProxyDirection.ToClient"/>: the client reads end-of-stream while the
    /// target still hears it. <see cref="FaultProxyDirection.ToTarget"/>: the target reads end-of-stream.
    /// </summary>
    public int HalfClose(FaultProxyDirection direction)
    {
        var links = Snapshot();
        foreach (var link in links)
        {
            link.HalfClose(direction);
        }

        return links.Length;
    }

    /// <summary>Ends a stall and a slow-down: everything held is forwarded, in order.</summary>
    public void Resume()
    {
        Interlocked.Exchange(ref _chunkDelayTicks, 0);
        TaskCompletionSource[] flowing;
        lock (_sync)
        {
            flowing = [.. _flowing];
        }

        foreach (var gate in flowing)
        {
            gate.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Resume();
        Cut();
        _stopping.Dispose();
    }

    /// <summary>Completes at once unless <paramref name="direction"/> is stalled.</summary>
    internal Task WaitUntilFlowingAsync(FaultProxyDirection direction, CancellationToken cancellationToken)
    {
        Task flowing;
        lock (_sync)
        {
            flowing = _flowing[(int)direction].Task;
        }

        return flowing.IsCompleted ? Task.CompletedTask : flowing.WaitAsync(cancellationToken);
    }

    internal void Remove(FaultProxyLink link)
    {
        lock (_sync)
        {
            _links.Remove(link);
        }
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }

    private FaultProxyLink[] Snapshot()
    {
        lock (_sync)
        {
            return [.. _links];
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ConnectAsync(client, Interlocked.Increment(ref _nextLinkId));
        }
    }

    private async Task ConnectAsync(Socket client, int id)
    {
        client.NoDelay = true;
        var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await target.ConnectAsync(new IPEndPoint(IPAddress.Loopback, TargetPort), timeout.Token);
        }
        catch (Exception)
        {
            // The target is down: the client sees the refusal as a reset, as it would without the proxy.
            FaultProxyLink.Abort(client);
            target.Dispose();
            return;
        }

        var link = new FaultProxyLink(this, client, target, _stopping.Token);
        lock (_sync)
        {
            if (_stopping.IsCancellationRequested)
            {
                link.Cut(FaultProxyCutMode.Reset);
                return;
            }

            _links.Add(link);
        }

        Forwarded.Add(id);
        link.Start();
    }
}
