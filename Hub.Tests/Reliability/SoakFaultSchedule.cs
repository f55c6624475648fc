using System.Diagnostics;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// The faults a soak injects, one cycle at a time: client links cut (RST and FIN), stalled, slowed and half-closed,
/// a node crashed and restarted, Redis restarted, a node's Redis link cut and stalled, and Redis losing all its data
/// (FLUSHALL: what a restart without persistence, a lagging failover or an eviction storm does). Each fault sits at a fixed
/// fraction of the cycle; a longer soak repeats the cycle and takes other clients and the other node each time.
/// </summary>
internal sealed class SoakFaultSchedule(SoakCluster cluster, IReadOnlyList<SoakClient> clients, Action<string> log)
{
    /// <summary>Length of one cycle of faults; the CI soak runs one.</summary>
    public static readonly TimeSpan Cycle = TimeSpan.FromSeconds(30);

    // How long a client link stalls or slows: well under the hub's keep-alive timeouts, so the client just waits.
    private static readonly TimeSpan ClientStall = TimeSpan.FromMilliseconds(1500);

    // A Redis link stalls past the node's command timeout: commands fail and the node drops and replaces the link.
    private static readonly TimeSpan RedisStall = SoakCluster.CommandTimeout + TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _nextClient;

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int Total => _counts.Values.Sum();

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        (double At, Func<int, Task> Fault)[] plan =
        [
            (0.08, _ => CutClientsAsync(3, FaultProxyCutMode.Reset)),
            (0.18, _ => CutClientsAsync(2, FaultProxyCutMode.Close)),
            (0.26, _ => StallClientAsync(cancellationToken)),
            (0.34, cycle => CrashNodeAsync(cycle % cluster.Nodes.Count)),
            (0.42, _ => LoseRedisDataAsync()), // early, so the last epoch still sees every fault after it
            (0.50, _ => RestartRedisAsync()),
            (0.62, cycle => CutRedisLinkAsync((cycle + 1) % cluster.Nodes.Count)),
            (0.70, cycle => StallRedisLinkAsync(cycle % cluster.Nodes.Count, cancellationToken)),
            (0.78, _ => SlowClientAsync(cancellationToken)),
            (0.86, _ => HalfCloseClientAsync()),
        ];
        for (var cycle = 0; ; cycle++)
        {
            foreach (var (at, fault) in plan)
            {
                var due = Cycle * (cycle + at);
                if (due >= duration)
                {
                    return;
                }

                await WaitUntilAsync(due, cancellationToken);
                await fault(cycle);
            }
        }
    }

    private async Task WaitUntilAsync(TimeSpan due, CancellationToken cancellationToken)
    {
        var wait = due - _clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            // The schedule of a fixed-length soak: pacing, not synchronisation.
            await Task.Delay(wait, cancellationToken);
        }
    }

    private Task CutClientsAsync(int count, FaultProxyCutMode mode)
    {
        foreach (var client in NextClients(count))
        {
            var cut = client.Link.Cut(mode);
            Record($"client link {mode}", $"{client.UserId} ({cut} connection(s))");
        }

        return Task.CompletedTask;
    }

    private async Task StallClientAsync(CancellationToken cancellationToken)
    {
        var client = NextClients(1).Single();
        client.Link.Stall();
        Record("client link stall", client.UserId);
        await HoldAsync(ClientStall, cancellationToken);
        client.Link.Resume();
    }

    private async Task SlowClientAsync(CancellationToken cancellationToken)
    {
        var client = NextClients(1).Single();
        client.Link.Slow(TimeSpan.FromMilliseconds(40));
        Record("client link slow", client.UserId);
        await HoldAsync(ClientStall, cancellationToken);
        client.Link.Resume();
    }

    private Task HalfCloseClientAsync()
    {
        var client = NextClients(1).Single();
        client.Link.HalfClose(FaultProxyDirection.ToClient);
        Record("client link half-close", client.UserId);
        return Task.CompletedTask;
    }

    private async Task CrashNodeAsync(int index)
    {
        // A crashed process says no goodbye to its clients either: their connections are reset mid-call, so some
        // sends end with an unknown outcome and are retried after the restart.
        var port = cluster.Nodes[index].Port;
        var reset = clients.Where(c => c.Link.TargetPort == port).Sum(c => c.Link.Cut(FaultProxyCutMode.Reset));
        Record("node crash + restart", $"node {index + 1} ({reset} client connection(s) reset)");
        await cluster.CrashAndRestartAsync(index);
        log($"{_clock.Elapsed.TotalSeconds,6:F1}s   node {index + 1} is back on port {cluster.Nodes[index].Port}");
    }

    private async Task RestartRedisAsync()
    {
        Record("redis restart", "AOF on");
        await cluster.Redis.RestartAsync();
    }

    private async Task LoseRedisDataAsync()
    {
        Record("redis loses its data", "FLUSHALL");
        await using var redis = await RedisTestConnections.ConnectAsync(cluster.Redis.Configuration);
        await redis.RunAsync("FLUSHALL");
    }

    private Task CutRedisLinkAsync(int index)
    {
        var cut = cluster.RedisLinks[index].Cut(FaultProxyCutMode.Reset);
        Record("redis link reset", $"node {index + 1} ({cut} connection(s))");
        return Task.CompletedTask;
    }

    private async Task StallRedisLinkAsync(int index, CancellationToken cancellationToken)
    {
        cluster.RedisLinks[index].Stall();
        Record("redis link stall", $"node {index + 1}");
        await HoldAsync(RedisStall, cancellationToken);
        cluster.RedisLinks[index].Resume();
    }

    // How long a fault lasts is part of the schedule: pacing, not synchronisation.
    private static Task HoldAsync(TimeSpan duration, CancellationToken cancellationToken) => Task.Delay(duration, cancellationToken);

    private IEnumerable<SoakClient> NextClients(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return clients[_nextClient++ % clients.Count];
        }
    }

    private void Record(string kind, string detail)
    {
        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        log($"{_clock.Elapsed.TotalSeconds,6:F1}s   {kind}: {detail}");
    }
}
