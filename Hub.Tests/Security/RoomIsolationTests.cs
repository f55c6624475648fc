using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Nobody receives a room's messages, typing or presence without having joined it, across nodes, however close the
/// names are; and user ids with pattern or separator characters are only ever themselves. (The basic case, a
/// second room on the same cluster, is in Chat/ChatBehaviourTests.) Each check ends with a barrier message sent
/// after the ones that must not arrive, on the same path, so "not received" is not a guess about timing.
/// </summary>
public sealed class RoomIsolationTests(TwoNodeRedisCluster cluster) : IClassFixture<TwoNodeRedisCluster>, IAsyncLifetime
{
    private readonly List<HubProbe> _probes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes)
        {
            await probe.DisposeAsync();
        }
    }

    [Fact]
    public async Task RoomsWhoseNamesShareAPrefixOrDifferInCaseNeverLeakIntoEachOther()
    {
        var room = Unique.Name("r");
        string[] neighbours = [$"{room}.x", $"{room}-x", $"{room}x", $"{room}_", room.ToUpperInvariant(), room[..^1]];
        var listener = await ConnectAsync("listener", node: 1);
        await listener.JoinRoomAsync(room);
        var sender = await ConnectAsync("sender", node: 0);
        foreach (var other in neighbours.Append(room))
        {
            await sender.JoinRoomAsync(other);
        }

        foreach (var other in neighbours)
        {
            await sender.SendMessageAsync(other, $"for {other} only");
            await sender.SetTypingAsync(other, true);
        }

        var barrier = await sender.SendMessageAsync(room, "barrier");
        await listener.WaitForMessageAsync(barrier);

        Assert.Equal([room], listener.Messages.Snapshot().Select(m => m.Room).Distinct());
        Assert.DoesNotContain(listener.Typing.Snapshot(), t => t.Room != room);
        Assert.DoesNotContain(listener.Joined.Snapshot(), j => j.Room != room);
    }

    [Fact]
    public async Task AnotherConnectionOfTheSameUserGetsNothingFromRoomsOnlyItsSiblingJoined()
    {
        var room = Unique.Name("room");
        var userId = Unique.Name("alice");
        var inRoom = await ConnectAsync(userId, node: 0, exactId: true);
        var outside = await ConnectAsync(userId, node: 1, exactId: true);
        await inRoom.JoinRoomAsync(room);
        var bob = await ConnectAsync("bob", node: 1);
        await bob.JoinRoomAsync(room);
        var lobby = Unique.Name("lobby");
        await outside.JoinRoomAsync(lobby);
        await bob.JoinRoomAsync(lobby);

        await bob.SendMessageAsync(room, "for the room");
        await bob.SetTypingAsync(room, true);
        var barrier = await bob.SendMessageAsync(lobby, "barrier");
        await outside.WaitForMessageAsync(barrier);

        Assert.DoesNotContain(outside.Messages.Snapshot(), m => m.Room == room);
        Assert.DoesNotContain(outside.Typing.Snapshot(), t => t.Room == room);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => outside.GetHistoryAsync(room, 0, 10));
    }

    [Fact]
    public async Task AConnectionThatLeftReceivesNothingMoreFromTheRoomOnAnyNode()
    {
        var room = Unique.Name("room");
        var lobby = Unique.Name("lobby");
        var leaver = await ConnectAsync("leaver", node: 1);
        var sender = await ConnectAsync("sender", node: 0);
        foreach (var probe in new[] { leaver, sender })
        {
            await probe.JoinRoomAsync(room);
            await probe.JoinRoomAsync(lobby);
        }

        await leaver.WaitForMessageAsync(await sender.SendMessageAsync(room, "while in"));
        await leaver.LeaveRoomAsync(room);
        await sender.SendMessageAsync(room, "after leaving");
        await leaver.WaitForMessageAsync(await sender.SendMessageAsync(lobby, "barrier"));

        Assert.Equal(["while in"], leaver.Messages.Snapshot().Where(m => m.Room == room).Select(m => m.Text));
    }

    [Theory]
    [InlineData("*", "x")]
    [InlineData("?", "y")]
    [InlineData("[xy]", "x")]
    [InlineData(":x", ":x:y")]
    [InlineData(" x", "")]
    [InlineData("-ünï-名前", "-uni")]
    public async Task UserIdsWithPatternOrSeparatorCharactersAreOnlyEverThemselves(string patternSuffix, string victimSuffix)
    {
        var stem = Unique.Name("u");
        var pattern = await ConnectAsync(stem + patternSuffix, node: 0, exactId: true);
        var victim = await ConnectAsync(stem + victimSuffix, node: 1, exactId: true);
        var carol = await ConnectAsync("carol", node: 0);

        var toPattern = await carol.SendPrivateMessageAsync(pattern.UserId, "for the pattern");
        var toVictim = await carol.SendPrivateMessageAsync(victim.UserId, "for the victim");
        await pattern.Privates.WaitUntilAsync(all => all.Any(p => p.Id == toPattern.Id), "the pattern user's message");
        await victim.Privates.WaitUntilAsync(all => all.Any(p => p.Id == toVictim.Id), "the victim's message");
        var toVictimAgain = await carol.SendPrivateMessageAsync(victim.UserId, "barrier");
        var toPatternAgain = await carol.SendPrivateMessageAsync(pattern.UserId, "barrier");
        await victim.Privates.WaitUntilAsync(all => all.Any(p => p.Id == toVictimAgain.Id), "the victim's barrier");
        await pattern.Privates.WaitUntilAsync(all => all.Any(p => p.Id == toPatternAgain.Id), "the pattern user's barrier");

        Assert.All(pattern.Privates.Snapshot(), p => Assert.Equal(pattern.UserId, p.ToUserId));
        Assert.All(victim.Privates.Snapshot(), p => Assert.Equal(victim.UserId, p.ToUserId));
        var online = (await carol.GetOnlineUsersAsync()).Select(u => u.UserId).ToList();
        Assert.Single(online, id => id == pattern.UserId);
        Assert.Single(online, id => id == victim.UserId);
    }

    [Fact]
    public async Task APrivateMessageToAGlobReachesNobodyButAUserOfThatExactName()
    {
        var stem = Unique.Name("g");
        var a = await ConnectAsync(stem + "a", node: 1, exactId: true);
        var b = await ConnectAsync(stem + "b", node: 0, exactId: true);
        var sender = await ConnectAsync("sender", node: 0);

        await sender.SendPrivateMessageAsync(stem + "*", "to everyone?");
        await sender.SendPrivateMessageAsync(stem + "?", "to anyone?");
        await sender.SendPrivateMessageAsync(stem + "[ab]", "to a or b?");
        var barrierA = await sender.SendPrivateMessageAsync(a.UserId, "barrier");
        var barrierB = await sender.SendPrivateMessageAsync(b.UserId, "barrier");
        await a.Privates.WaitUntilAsync(all => all.Any(p => p.Id == barrierA.Id), "a's barrier");
        await b.Privates.WaitUntilAsync(all => all.Any(p => p.Id == barrierB.Id), "b's barrier");

        Assert.Equal(["barrier"], a.Privates.Snapshot().Select(p => p.Text));
        Assert.Equal(["barrier"], b.Privates.Snapshot().Select(p => p.Text));
    }

    private async Task<HubProbe> ConnectAsync(string user, int node, bool exactId = false)
    {
        var probe = await HubProbe.ConnectAsync(cluster.Nodes[node], exactId ? user : Unique.Name(user));
        _probes.Add(probe);
        return probe;
    }
}
