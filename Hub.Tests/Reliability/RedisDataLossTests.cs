using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Client;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// Redis forgetting what it held, under a live conversation on two nodes: restarted without persistence, flushed,
/// or a node dying between storing a message and broadcasting it. Each test has its own Redis without persistence.
/// </summary>
public sealed class RedisDataLossTests : PrivateRedisTest
{
    private readonly string _prefix = RedisServerFixture.NewPrefix("loss");
    private readonly string _room = Unique.Name("room");

    [Theory]
    [InlineData("realtimehub", "restart")]
    [InlineData("signalr", "restart")]
    [InlineData("realtimehub", "flushall")]
    public async Task AfterRedisLosesItsDataTheRoomStartsANewEpochAndEveryMemberGetsEveryNewMessageOnce(string backplane, string loss)
    {
        var (node1, node2) = await StartNodesAsync(backplane);
        var alice = await TestChatClient.ConnectAsync(node1, Unique.Name("alice"));
        Owned.Add(alice);
        var carol = await TestChatClient.ConnectAsync(node2, Unique.Name("carol"));
        Owned.Add(carol);
        var bob = await ProbeAsync(node2, "bob");
        var dave = await ProbeAsync(node1, "dave"); // a raw client: it sees only what is delivered live
        var before = await alice.Client.JoinRoomAsync(_room);
        await carol.Client.JoinRoomAsync(_room);
        await bob.JoinRoomAsync(_room);
        await dave.JoinRoomAsync(_room);
        await bob.SendMessageAsync(_room, "old 1");
        await bob.SendMessageAsync(_room, "old 2");
        await alice.WaitForTextAsync("old 2");
        await carol.WaitForTextAsync("old 2");

        await LoseEverythingAsync(loss, node1, node2);

        var sent = new List<ChatMessage>();
        for (var i = 1; i <= 3; i++)
        {
            sent.Add(await SendOrRetryAsync(bob, $"new {i}", $"new-{i}", node2));
        }

        Assert.Equal([1L, 2L, 3L], sent.Select(m => m.Sequence));
        Assert.All(sent, m => Assert.Equal(sent[0].Epoch, m.Epoch));
        Assert.NotEqual(before.Epoch, sent[0].Epoch);
        foreach (var member in new[] { alice, carol })
        {
            await member.WaitForTextAsync("new 3");
            Assert.Equal(["old 1", "old 2", "new 1", "new 2", "new 3"], member.TextsIn(_room)); // each once, in order
        }

        foreach (var message in sent)
        {
            await dave.WaitForMessageAsync(message);
        }

        Assert.Equal(sent.Select(m => m.Id), dave.Messages.Snapshot().Where(m => m.Epoch == sent[0].Epoch).Select(m => m.Id)); // live, once each
        var history = await bob.GetHistoryAsync(_room, 0, 10);
        Assert.Equal(["new 1", "new 2", "new 3"], history.Select(m => m.Text));
        Assert.All(history, m => Assert.Equal(sent[0].Epoch, m.Epoch));
        // Presence: the nodes put their connections back, so everyone is online and in the room again.
        string[] everyone = [alice.UserName, bob.UserId, carol.UserName, dave.UserId];
        await Poll.UntilAsync(async () => (await bob.JoinRoomAsync(_room)).Members.Count == 4, "all four members to be back in the room");
        Assert.Equal(everyone.Order(), (await bob.JoinRoomAsync(_room)).Members.Select(m => m.UserId).Order());
        Assert.Subset(new HashSet<string>((await bob.GetOnlineUsersAsync()).Select(u => u.UserId)), new HashSet<string>(everyone));
    }

    [Fact]
    public async Task AMessageStoredByANodeThatDiedBeforeBroadcastingReachesEveryLiveMemberOnce()
    {
        var (node1, node2) = await StartNodesAsync("realtimehub", new() { ["Chat:RebroadcastAfter"] = "00:00:01" });
        var alice = await ProbeAsync(node1, "alice");
        var bob = await ProbeAsync(node2, "bob");
        var carol = await TestChatClient.ConnectAsync(node1, Unique.Name("carol"));
        Owned.Add(carol);
        await alice.JoinRoomAsync(_room);
        await bob.JoinRoomAsync(_room);
        await carol.Client.JoinRoomAsync(_room);

        // What a node does before it dies: the store's script runs, the broadcast never happens.
        var orphan = (await (await DeadNodeStoreAsync()).AppendAsync(new MessageDraft(_room, alice.UserId, alice.UserId, "stored, then the node died", "c-1"))).Message;

        await bob.WaitForMessageAsync(orphan);
        await alice.WaitForMessageAsync(orphan);
        await carol.WaitForTextAsync(orphan.Text);
        var next = await bob.SendMessageAsync(_room, "next");
        await alice.WaitForMessageAsync(next);
        await carol.WaitForTextAsync("next");
        Assert.Single(bob.Messages.Snapshot(), m => m.Id == orphan.Id);
        Assert.Single(alice.Messages.Snapshot(), m => m.Id == orphan.Id);
        Assert.Equal(["stored, then the node died", "next"], carol.TextsIn(_room));
    }

    [Theory]
    [InlineData("realtimehub")]
    [InlineData("signalr")]
    public async Task TheSendersRetryBroadcastsAMessageItsNodeStoredButNeverBroadcast(string backplane)
    {
        // No sweeper pass within the test's time (every 30 min): only the retry can broadcast it.
        var (node1, node2) = await StartNodesAsync(backplane, new() { ["Chat:RebroadcastAfter"] = "01:00:00" });
        var alice = await ProbeAsync(node1, "alice");
        var bob = await ProbeAsync(node2, "bob");
        await alice.JoinRoomAsync(_room);
        await bob.JoinRoomAsync(_room);
        var orphan = (await (await DeadNodeStoreAsync()).AppendAsync(new MessageDraft(_room, alice.UserId, alice.UserId, "stored in the dark", "c-1"))).Message;
        await using (var redis = await RedisTestConnections.ConnectAsync(Redis.Configuration))
        {
            // Its node died long enough ago that a retry may take the broadcast over (Chat:RebroadcastAfter).
            await redis.RunAsync("ZADD", $"{_prefix}:room:{{{_room}}}:unbroadcast", "XX", 0, orphan.Sequence);
        }

        var retried = await alice.SendMessageAsync(_room, "stored in the dark", "c-1"); // the client never heard back: it retries
        var again = await alice.SendMessageAsync(_room, "stored in the dark", "c-1"); // and once more, for good measure

        Assert.Equal(orphan, retried);
        Assert.Equal(orphan, again);
        await bob.WaitForMessageAsync(orphan);
        var next = await alice.SendMessageAsync(_room, "next");
        await bob.WaitForMessageAsync(next);
        Assert.Equal([orphan.Id, next.Id], bob.Messages.Snapshot().Select(m => m.Id)); // once: the second retry found it broadcast
    }

    /// <summary>Stops the conversation's Redis and brings it back empty, or flushes it; returns once both nodes are ready again.</summary>
    private async Task LoseEverythingAsync(string loss, HubNode node1, HubNode node2)
    {
        if (loss == "restart")
        {
            await Redis.StopAsync();
            await WaitForReadinessAsync(node1, HttpStatusCode.ServiceUnavailable);
            await Redis.StartAsync(); // no persistence: it comes back empty
        }
        else
        {
            await using var redis = await RedisTestConnections.ConnectAsync(Redis.Configuration);
            await redis.RunAsync("FLUSHALL");
        }

        await WaitForReadinessAsync(node1, HttpStatusCode.OK);
        await WaitForReadinessAsync(node2, HttpStatusCode.OK);
    }

    private async Task<RedisMessageStore> DeadNodeStoreAsync()
    {
        var redis = await RedisTestConnections.ConnectAsync(Redis.Configuration);
        Owned.Add(redis);
        return new RedisMessageStore(redis, Options.Create(new RedisOptions { ChannelPrefix = _prefix }), Options.Create(new ChatOptions()));
    }

    private async Task<(HubNode, HubNode)> StartNodesAsync(string backplane, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["Redis:Backplane"] = backplane,
            ["Redis:Presence:HeartbeatInterval"] = "00:00:00.500",
            ["Redis:Presence:NodeTimeout"] = "00:00:03",
            ["Redis:Presence:ReapInterval"] = "00:00:00.500",
        };
        var nodes = await FaultTestNodes.StartAsync(2, Redis.Configuration, _prefix, all);
        Owned.AddRange(nodes);
        return (nodes[0], nodes[1]);
    }

    private async Task<HubProbe> ProbeAsync(HubNode node, string user)
    {
        var probe = await HubProbe.ConnectAsync(node, Unique.Name(user));
        Owned.Add(probe);
        return probe;
    }

    /// <summary>Sends as an application would after a refused send: again, with the same client message id, once the node is ready.</summary>
    private async Task<ChatMessage> SendOrRetryAsync(HubProbe probe, string text, string clientMessageId, HubNode node)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await probe.SendMessageAsync(_room, text, clientMessageId);
            }
            catch (HubException ex) when (attempt < 10 && ex.Message.Contains(ChatErrors.Unavailable, StringComparison.Ordinal))
            {
                await WaitForReadinessAsync(node, HttpStatusCode.OK);
            }
        }
    }

    private static Task WaitForReadinessAsync(HubNode node, HttpStatusCode expected) =>
        Poll.UntilAsync(async () =>
        {
            using var client = node.CreateHttpClient();
            return (await client.GetAsync("readyz")).StatusCode == expected;
        }, $"/readyz to answer {(int)expected}");
}
