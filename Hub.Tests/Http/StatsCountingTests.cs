using System.Net.Http.Json;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Documents;
using RealtimeHub.Tests.Games;
using RealtimeHub.Tests.Infrastructure;
using RealtimeHub.Tests.Live;

namespace RealtimeHub.Tests.Http;

public sealed class StatsCountingTests
{
    [Fact]
    public async Task StatsCountsConnectionsUsersRoomsAndMessages()
    {
        await using var node = await HubNode.StartAsync();
        var room = Unique.Name("room");
        await using var alice = await HubProbe.ConnectAsync(node, "alice");
        await using var bob = await HubProbe.ConnectAsync(node, "bob");
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room); // UserJoined → alice: 1 delivery
        ChatMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await alice.SendMessageAsync(room, $"m{i}"); // 2 deliveries each
        }

        await bob.WaitForMessageAsync(last);
        await alice.WaitForMessageAsync(last);
        using var http = node.CreateHttpClient();
        var stats = await http.GetFromJsonAsync<Stats>("stats");

        Assert.NotNull(stats);
        Assert.Equal(2, stats.Connections);
        Assert.Equal(2, stats.UsersOnline);
        Assert.Equal(1, stats.Rooms);
        Assert.Equal(3, stats.MessagesReceived);
        Assert.Equal(7, stats.MessagesDelivered);
    }

    [Fact]
    public async Task StatsCountsTheOpenConnectionsOfEveryHub()
    {
        await using var node = await HubNode.StartAsync();
        using var http = node.CreateHttpClient();
        async Task<int> ConnectionsAsync() => (await http.GetFromJsonAsync<Stats>("stats"))!.Connections;

        await using var chat = await HubProbe.ConnectAsync(node, Unique.Name("chat"));
        await using var live = await LiveConnection.ConnectAsync(node, Unique.Name("live"));
        var docs = await DocumentProbe.ConnectAsync(node, Unique.Name("docs"));
        var game = await GameProbe.ConnectAsync(node, Unique.Name("game"));
        await Poll.UntilAsync(async () => await ConnectionsAsync() == 4, "a connection of each hub"); // counted once the hub ran OnConnectedAsync

        await docs.DisposeAsync();
        await game.DisposeAsync();
        await Poll.UntilAsync(async () => await ConnectionsAsync() == 2, "two connections left");
    }
}
