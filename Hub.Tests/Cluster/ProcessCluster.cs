using System.Net.Http.Json;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Cluster;

/// <summary>
/// What <c>./run.sh --cluster</c> runs, as real processes on free ports: a private redis-server, two nodes on it
/// (their own channel prefix) and nginx in front of them from <c>deploy/nginx.conf</c>.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private ProcessCluster(RedisServerFixture redis, ServerProcess[] nodes, NginxProcess balancer)
    {
        Redis = redis;
        Nodes = nodes;
        Balancer = balancer;
    }

    public RedisServerFixture Redis { get; }

    public IReadOnlyList<ServerProcess> Nodes { get; }

    public NginxProcess Balancer { get; }

    public Uri HubUri => new(Balancer.BaseUri, HubRoutes.Chat);

    public static async Task<ProcessCluster> StartAsync()
    {
        var redis = await RedisServerFixture.StartLocalAsync();
        var settings = new Dictionary<string, string>
        {
            ["Redis__Configuration"] = redis.Configuration,
            ["Redis__ChannelPrefix"] = RedisServerFixture.NewPrefix("cluster"),
            ["Auth__SigningKey"] = TestAuth.SigningKey,
            ["Auth__DevTokens"] = "true",
        };
        var starting = new[] { ServerProcess.StartAsync("node-a", settings), ServerProcess.StartAsync("node-b", settings) };
        try
        {
            var nodes = await Task.WhenAll(starting);
            var balancer = await NginxProcess.StartAsync(nodes[0].BaseUri, nodes[1].BaseUri);
            return new ProcessCluster(redis, nodes, balancer);
        }
        catch
        {
            foreach (var node in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await node.Result.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>A node's own <c>/stats</c>, asked directly rather than through the balancer.</summary>
    public static async Task<NodeStats> GetStatsAsync(ServerProcess node)
    {
        using var http = new HttpClient { BaseAddress = node.BaseUri, Timeout = TestTimeouts.Event };
        return (await http.GetFromJsonAsync<NodeStats>(HubRoutes.Stats))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Balancer.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }

    public sealed record NodeStats(string Node, string Mode, bool BackplaneConnected, int Connections, long UsersOnline, long Rooms);
}
