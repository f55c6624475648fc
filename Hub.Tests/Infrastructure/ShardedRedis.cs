using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A real Redis Cluster on loopback: three masters and one replica each, Debian's <c>redis-server</c> processes
/// joined with <c>redis-cli --cluster create</c>. Processes, not containers: cluster redirects name the servers'
/// own addresses, which must be reachable from the tests (Docker's bridge addresses are not, here).
/// </summary>
public sealed class ShardedRedis : ISharedRedis, IAsyncDisposable
{
    private const int Masters = 3;
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(30);

    private readonly List<(int Port, RedisProcessServer Server)> _servers = [];
    private string _directory = string.Empty;

    /// <summary>The <c>Redis:Configuration</c> naming the masters; StackExchange.Redis discovers the rest.</summary>
    public string Configuration { get; private set; } = string.Empty;

    /// <summary>Ports of every server, masters first as created.</summary>
    public IReadOnlyList<int> Ports => [.. _servers.Select(s => s.Port)];

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("rh-cluster-").FullName;
        var ports = FreePortsWithBusPorts(Masters * 2);
        foreach (var port in ports)
        {
            var directory = Path.Combine(_directory, port.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            var server = new RedisProcessServer(new RedisServerSpec(port,
                ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000", "--repl-diskless-sync-delay", "0", "--dir", directory], null));
            await server.StartAsync();
            _servers.Add((port, server));
        }

        await RunRedisCliAsync(["--cluster", "create", .. ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "1", "--cluster-yes"]);
        await WaitUntilFormedAsync();
        Configuration = string.Join(",", ports.Take(Masters).Select(p => $"127.0.0.1:{p}"));
    }

    /// <summary>Kills the server on <paramref name="port"/> like a crash; its replica takes over after the node timeout.</summary>
    public Task KillAsync(int port) => _servers.Single(s => s.Port == port).Server.StopAsync();

    public async Task DisposeAsync()
    {
        foreach (var (_, server) in _servers)
        {
            await server.DisposeAsync();
        }

        _servers.Clear();
        if (_directory.Length > 0)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>
    /// Until every server says <c>cluster_state:ok</c>, every master has a replica, and every replica has synced (a
    /// replica that never synced is not allowed to take over when its master dies).
    /// </summary>
    private Task WaitUntilFormedAsync() =>
        Poll.UntilAsync(async () =>
        {
            foreach (var (port, _) in _servers)
            {
                if (!(await RunRedisCliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), "cluster", "info"])).Contains("cluster_state:ok", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            var nodes = await RunRedisCliAsync(["-p", _servers[0].Port.ToString(CultureInfo.InvariantCulture), "cluster", "nodes"]);
            if (nodes.Split('\n').Count(line => line.Contains("slave", StringComparison.Ordinal)) != Masters)
            {
                return false;
            }

            var synced = 0;
            foreach (var (port, _) in _servers)
            {
                var replication = await RunRedisCliAsync(["-p", port.ToString(CultureInfo.InvariantCulture), "info", "replication"]);
                synced += replication.Contains("master_link_status:up", StringComparison.Ordinal) ? 1 : 0;
            }

            return synced == Masters;
        }, "the Redis Cluster to form", FormTimeout);

    private static async Task<string> RunRedisCliAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"redis-cli {string.Join(' ', arguments)}: {output} {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>Ports free on 127.0.0.1 whose cluster bus port (+10000) is free too.</summary>
    private static List<int> FreePortsWithBusPorts(int count)
    {
        var ports = new List<int>();
        var held = new List<TcpListener>();
        try
        {
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                held.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (port + 10000 <= 65535 && IsFree(port + 10000))
                {
                    ports.Add(port);
                }
            }
        }
        finally
        {
            held.ForEach(l => l.Stop());
        }

        return ports;
    }

    private static bool IsFree(int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
