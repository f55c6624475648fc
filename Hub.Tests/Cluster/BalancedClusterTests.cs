using System.Diagnostics;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Cluster;

/// <summary>
/// The deployed shape, all real processes: redis-server, two nodes, nginx from deploy/nginx.conf. Clients connect
/// only through the balancer: four WebSocket-only (skipNegotiation, balanced by least connections) and one that
/// negotiates (kept on one node by client address).
/// </summary>
public sealed class BalancedClusterTests
{
    private const int WebSocketOnlyClients = 4;
    private const int Clients = WebSocketOnlyClients + 1;

    [Fact]
    public async Task ClientsThroughTheBalancerLandOnBothNodesAndChatAcrossThem()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var room = Unique.Name("balanced");
        var clients = await ConnectAsync(cluster, room);
        try
        {
            var stats = await Task.WhenAll(cluster.Nodes.Select(ProcessCluster.GetStatsAsync));
            Assert.All(stats, s => Assert.True(s.Connections >= 1, $"{s.Node} has no clients: {string.Join(", ", stats.AsEnumerable())}"));
            Assert.Equal(Clients, stats.Sum(s => s.Connections));
            Assert.All(stats, s => Assert.Equal("redis", s.Mode));

            foreach (var client in clients)
            {
                await client.Client.SendMessageAsync(room, $"hello from {client.UserId}");
            }

            foreach (var client in clients)
            {
                var received = await client.Messages.WaitForCountAsync(Clients, $"{client} messages");
                Assert.Equal(clients.Select(c => $"hello from {c.UserId}"), received.Select(m => m.Text));
            }
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task WhenANodeIsTerminatedMidConversationEveryClientMovesToTheOtherAndSeesEveryMessageOnce()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var (victim, survivor) = (cluster.Nodes[0], cluster.Nodes[1]);
        var room = Unique.Name("failover");
        var clients = await ConnectAsync(cluster, room);
        try
        {
            var onVictim = (await ProcessCluster.GetStatsAsync(victim)).Connections;
            Assert.True(onVictim >= 1, "the balancer put no client on the node about to stop");
            await SendRoundAsync(clients, room, "before", count: 2);
            await WaitForAllAsync(clients, Clients * 2);

            // Everyone keeps talking; the node gets SIGTERM as soon as the first of these is acknowledged.
            var talking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var conversation = SendRoundAsync(clients, room, "during", count: 6, talking);
            await talking.Task.WaitAsync(TestTimeouts.Event);
            var stopwatch = Stopwatch.StartNew();
            victim.Terminate();

            await victim.WaitForExitAsync(TimeSpan.FromSeconds(20));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"the node took {stopwatch.Elapsed} to exit");
            Assert.Equal(0, victim.ExitCode);
            Assert.Contains(victim.Output.Snapshot(), line => line.Contains("Drained in", StringComparison.Ordinal));
            await conversation.WaitAsync(TestTimeouts.Reconnect);

            const int total = Clients * (2 + 6);
            foreach (var client in clients)
            {
                var received = await client.Messages.WaitForCountAsync(total, $"{client} messages");
                Assert.Equal(total, received.Count);
                Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), received.Select(m => m.Sequence));
                Assert.Equal(total, received.Select(m => m.Id).Distinct().Count());
                await client.States.WaitUntilAsync(states => states.Count > 0 && states[^1].State == ChatConnectionState.Connected, $"{client} connected", TestTimeouts.Reconnect);
            }

            Assert.Equal(onVictim, clients.Count(c => c.States.Snapshot().Any(s => s.State == ChatConnectionState.Reconnecting)));
            var survivorStats = await ProcessCluster.GetStatsAsync(survivor);
            Assert.Equal(Clients, survivorStats.Connections);
            Assert.Equal(Clients, survivorStats.UsersOnline);
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    private static async Task<IReadOnlyList<ClusterChatClient>> ConnectAsync(ProcessCluster cluster, string room)
    {
        var clients = new List<ClusterChatClient>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                var skipNegotiation = i < WebSocketOnlyClients;
                var client = await ClusterChatClient.ConnectAsync(cluster.HubUri, Unique.Name(skipNegotiation ? "ws" : "negotiated"), skipNegotiation);
                clients.Add(client);
                await client.Client.JoinRoomAsync(room);
            }

            return clients;
        }
        catch
        {
            await DisposeAllAsync(clients);
            throw;
        }
    }

    /// <summary>Every client sends <paramref name="count"/> messages, one after another, all clients at once.</summary>
    private static Task SendRoundAsync(IEnumerable<ClusterChatClient> clients, string room, string label, int count, TaskCompletionSource? firstAcknowledged = null) =>
        Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            for (var i = 1; i <= count; i++)
            {
                await client.Client.SendMessageAsync(room, $"{label} {i} from {client.UserId}");
                firstAcknowledged?.TrySetResult();
            }
        })));

    private static Task WaitForAllAsync(IEnumerable<ClusterChatClient> clients, int count) =>
        Task.WhenAll(clients.Select(c => c.Messages.WaitForCountAsync(count, $"{c} messages")));

    private static async Task DisposeAllAsync(IEnumerable<ClusterChatClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
