using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Diagnostics;

public sealed class HubMetricsTests
{
    [Fact]
    public async Task MessagesThroughANodeMoveTheReceivedAndDeliveredCounters()
    {
        await using var node = await HubNode.StartAsync();
        using var metrics = MetricRecorder.Start(node);
        var room = Unique.Name("metrics");
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await using var bob = await HubProbe.ConnectAsync(node, Unique.Name("bob"));
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);

        for (var i = 0; i < 3; i++)
        {
            await alice.SendMessageAsync(room, $"hello {i}");
        }

        await bob.Messages.WaitForCountAsync(3, "messages");
        await metrics.WaitForTotalAsync("realtimehub.messages.received", 3);
        await metrics.WaitForTotalAsync("realtimehub.messages.delivered", 6); // three messages, two recipients each
        Assert.Equal(3, metrics.Total("realtimehub.messages.received"));
    }

    [Fact]
    public async Task TheConnectionsGaugeCountsLiveConnectionsOfThisNode()
    {
        await using var node = await HubNode.StartAsync();
        using var metrics = MetricRecorder.Start(node);
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await using var bob = await HubProbe.ConnectAsync(node, Unique.Name("bob"));
        await alice.GetOnlineUsersAsync(); // OnConnectedAsync has finished once a call returns
        await bob.GetOnlineUsersAsync();

        Assert.Equal(2, metrics.Observe("realtimehub.connections"));
    }

    [Fact]
    public async Task TheUsersOnlineAndRoomsGaugesAreRecountedFromPresence()
    {
        await using var node = await HubNode.StartAsync();
        using var metrics = MetricRecorder.Start(node);
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await using var bob = await HubProbe.ConnectAsync(node, Unique.Name("bob"));
        await alice.JoinRoomAsync(Unique.Name("room"));
        await bob.GetOnlineUsersAsync();

        // What the service's timer does every Diagnostics:PresenceCountInterval.
        Assert.True(await node.Services.GetRequiredService<PresenceGaugeService>().RefreshAsync(CancellationToken.None));

        Assert.Equal(2, metrics.Observe("realtimehub.users.online"));
        Assert.Equal(1, metrics.Observe("realtimehub.rooms"));
    }

    [Fact]
    public async Task RateLimitRefusalsAreCounted()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions
        {
            Settings = { ["Chat:RateLimit:Burst"] = "1", ["Chat:RateLimit:PerSecond"] = "0.001" },
        });
        using var metrics = MetricRecorder.Start(node);
        var room = Unique.Name("limited");
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await alice.JoinRoomAsync(room);

        await alice.SendMessageAsync(room, "the one the bucket allows");
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(room, "one too many"));

        Assert.StartsWith("rate limited", refused.Message, StringComparison.Ordinal);
        await metrics.WaitForTotalAsync("realtimehub.ratelimit.refusals", 1);
    }
}
