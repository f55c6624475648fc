using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Scaleout.Official;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// The official backplane (<c>Redis:Backplane=signalr</c>) on the node's shared multiplexer: its channels under
/// <c>Redis:ChannelPrefix</c>, its shutdown leaving the node's connection and channels alone, and the signal that it listens.
/// </summary>
public sealed class OfficialBackplaneChannelTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    // The official manager names its channels after the hub type.
    private static readonly string HubName = typeof(ChatHub).FullName!;

    [Fact]
    public async Task TwoAppsOnOneRedisWithDifferentPrefixesDoNotHearEachOther()
    {
        var first = await StartNodeAsync("first");
        var second = await StartNodeAsync("second");
        try
        {
            var group = Unique.Name("same-group");
            var inFirst = await JoinGroupAsync(first, group);
            var inSecond = await JoinGroupAsync(second, group);

            await Hub(first).Clients.Group(group).SendAsync("Tag", "from first");
            await Hub(second).Clients.Group(group).SendAsync("Tag", "from second");

            // Both sends travel over one Redis connection to the second node in order: had the first reached it, it came first.
            Assert.Equal(["from first"], await inFirst.WaitForCountAsync(1, "the first app's message"));
            Assert.Equal(["from second"], await inSecond.WaitForCountAsync(1, "the second app's message"));
            await using var raw = await RedisTestConnections.ConnectAsync(redis.Configuration);
            var channels = (RedisResult[])(await raw.RunAsync("PUBSUB", "CHANNELS", $"{first.Options.ChannelPrefix}:signalr:*"))!;
            Assert.Contains(channels, c => c.ToString().EndsWith($":group:{group}", StringComparison.Ordinal));
        }
        finally
        {
            await first.StopAsync();
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task ShuttingTheOfficialManagerDownLeavesTheNodesConnectionAndOtherChannels()
    {
        await using var multiplexer = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var connection = new OfficialBackplaneConnection(multiplexer, Options.Create(new RedisOptions { ChannelPrefix = RedisServerFixture.NewPrefix("official") }));
        var own = RedisChannel.Literal(Unique.Name("node-own-channel"));
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await multiplexer.GetSubscriber().SubscribeAsync(own, (_, value) => heard.TrySetResult(value!));
        var official = connection.Multiplexer.GetSubscriber();
        await official.SubscribeAsync(RedisChannel.Literal("Hub:all"));

        // What RedisHubLifetimeManager.Dispose does with what its ConnectionFactory gave it.
        await official.UnsubscribeAllAsync();
        official.UnsubscribeAll();
        connection.Multiplexer.Dispose();

        Assert.True(multiplexer.IsConnected);
        await multiplexer.GetSubscriber().PublishAsync(own, "still here");
        Assert.Equal("still here", await heard.Task.WaitAsync(TestTimeouts.Event));
        await using var raw = await RedisTestConnections.ConnectAsync(redis.Configuration);
        Assert.Equal(0L, (long)(await raw.RunAsync("PUBSUB", "NUMSUB", $"{connection.ChannelPrefix}Hub:all"))[1]);
    }

    [Fact]
    public async Task SubscribedCompletesOnlyOnceTheLastInternalChannelIsSubscribed()
    {
        await using var multiplexer = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var connection = new OfficialBackplaneConnection(multiplexer, Options.Create(new RedisOptions { ChannelPrefix = RedisServerFixture.NewPrefix("official") }));
        var subscriber = connection.Multiplexer.GetSubscriber();

        await subscriber.SubscribeAsync(RedisChannel.Literal($"{HubName}:all"));
        await subscriber.SubscribeAsync(RedisChannel.Literal($"{HubName}:internal:groups"));
        await subscriber.SubscribeAsync(RedisChannel.Literal($"{HubName}:internal:ack:server1"));
        await subscriber.SubscribeAsync(RedisChannel.Literal($"{HubName}:user:x:internal:return:")); // a user id, not the channel
        Assert.False(connection.Subscribed.IsCompleted);

        await subscriber.SubscribeAsync(RedisChannel.Literal($"{HubName}:internal:return:server1"));
        Assert.True(connection.Subscribed.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ANodeOnTheOfficialBackplaneIsReadyOnceItsManagerListens()
    {
        var node = await StartNodeAsync("ready");
        try
        {
            using var http = node.CreateHttpClient();
            await Poll.UntilAsync(
                async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, "the node to be ready", TestTimeouts.Event);
            Assert.True(node.Services.GetRequiredService<OfficialBackplaneConnection>().Subscribed.IsCompletedSuccessfully);
        }
        finally
        {
            await node.StopAsync();
        }
    }

    private Task<HubNode> StartNodeAsync(string name) => HubNode.StartAsync(new HubNodeOptions
    {
        NodeName = name,
        RedisConfiguration = redis.Configuration,
        ChannelPrefix = RedisServerFixture.NewPrefix(name),
        Settings = new Dictionary<string, string?> { ["Redis:Backplane"] = "signalr" },
    });

    private async Task<EventLog<string>> JoinGroupAsync(HubNode node, string group)
    {
        var probe = await HubProbe.ConnectAsync(node, Unique.Name("member"));
        var received = new EventLog<string>();
        probe.Connection.On<string>("Tag", received.Add);
        await Hub(node).Groups.AddToGroupAsync(probe.Connection.ConnectionId!, group);
        return received;
    }

    private static IHubContext<ChatHub> Hub(HubNode node) => node.Services.GetRequiredService<IHubContext<ChatHub>>();
}
