using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Client.Api;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Tests.Client;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Rooms;

/// <summary>
/// Private rooms (CONTRACT §4) against each cluster shape. Consecutive probes land on consecutive nodes and API calls
/// go to the node after the affected user's, so in a cluster a revoke on one node must reach connections on another.
/// </summary>
public abstract class PrivateRoomBehaviourTests<TCluster>(TCluster cluster) : IAsyncLifetime
    where TCluster : IHubCluster
{
    private readonly List<IAsyncDisposable> _clients = [];
    private readonly string _room = Unique.Name("vip");
    private int _nextNode;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task APrivateRoomRefusesNonMembersFromJoinSendTypingAndHistory()
    {
        var bob = await ConnectAsync("bob");
        await bob.JoinRoomAsync(_room);
        var carol = await ConnectAsync("carol");
        await Api(1).SetRoomAccessAsync(_room, RoomAccess.Private);

        await AssertForbiddenAsync(() => carol.JoinRoomAsync(_room));
        await AssertForbiddenAsync(() => carol.SendMessageAsync(_room, "let me in"));
        await AssertForbiddenAsync(() => carol.SetTypingAsync(_room, true));
        await AssertForbiddenAsync(() => carol.GetHistoryAsync(_room, 0, 10));
        await AssertForbiddenAsync(() => bob.SendMessageAsync(_room, "still here?")); // made private under him: removed
        Assert.Empty(await Api(0).GetMessagesAsync(_room));
    }

    [Fact]
    public async Task AGrantedUserJoinsSendsAndReadsHistoryOfAPrivateRoom()
    {
        var aliceId = Unique.Name("alice");
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        await Api(1).GrantRoomAsync(_room, aliceId);
        var alice = await ConnectAsync(aliceId, exactId: true);

        var snapshot = await alice.JoinRoomAsync(_room);
        var sent = await alice.SendMessageAsync(_room, "members only");
        await alice.SetTypingAsync(_room, true);
        var history = await alice.GetHistoryAsync(_room, 0, 10);

        Assert.Contains(aliceId, snapshot.Members.Select(m => m.UserId));
        Assert.Equal([sent.Id], history.Select(m => m.Id));
    }

    [Theory]
    [InlineData("array")]
    [InlineData("json-text")]
    public async Task ARoomsClaimNamingTheRoomAdmitsWithoutAGrant(string shape)
    {
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        var userId = Unique.Name("dana");
        object rooms = shape == "array" ? new[] { "elsewhere", _room } : $"[\"elsewhere\",\"{_room}\"]";
        var dana = await ConnectAsync(userId, exactId: true, token: TestAuth.CreateToken(userId, claims: new Dictionary<string, object> { ["rooms"] = rooms }));
        var other = await ConnectAsync(userId, exactId: true, token: TestAuth.CreateTokenWithRooms(userId, "elsewhere"));

        await dana.JoinRoomAsync(_room);
        await dana.SendMessageAsync(_room, "by claim");
        await AssertForbiddenAsync(() => other.JoinRoomAsync(_room)); // the claim is the connection's token's, not the user's forever
    }

    [Fact]
    public async Task RevokingRemovesEveryConnectionOfTheUserOnEveryNodeAndTellsTheOthers()
    {
        var aliceId = Unique.Name("alice");
        var bobId = Unique.Name("bob");
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        await Api(0).GrantRoomAsync(_room, aliceId);
        await Api(0).GrantRoomAsync(_room, bobId);
        var aliceTab1 = await ConnectAsync(aliceId, exactId: true);
        var aliceTab2 = await ConnectAsync(aliceId, exactId: true);
        var bob = await ConnectAsync(bobId, exactId: true);
        foreach (var probe in new[] { aliceTab1, aliceTab2, bob })
        {
            await probe.JoinRoomAsync(_room);
        }

        await Api(1).RevokeRoomAsync(_room, aliceId);

        await aliceTab1.Removed.WaitForCountAsync(1, "alice's first tab removed");
        await aliceTab2.Removed.WaitForCountAsync(1, "alice's second tab removed");
        var left = await bob.Left.WaitForCountAsync(1, "alice left");
        Assert.Equal(new RoomEvent(_room, new UserPresence(aliceId, aliceId)), Assert.Single(left));
        Assert.Equal([_room], aliceTab1.Removed.Snapshot());
        Assert.DoesNotContain(aliceId, (await Api(1).GetRoomMembersAsync(_room)).Select(u => u.UserId));
        await AssertForbiddenAsync(() => aliceTab1.SendMessageAsync(_room, "after revoke"));
        await AssertForbiddenAsync(() => aliceTab2.JoinRoomAsync(_room));
        var marker = await bob.SendMessageAsync(_room, "alice is gone");
        await bob.WaitForMessageAsync(marker);
        Assert.DoesNotContain(aliceTab1.Messages.Snapshot(), m => m.Id == marker.Id);
        Assert.Empty(bob.Removed.Snapshot());
    }

    [Fact]
    public async Task MakingARoomPrivateRemovesTheUsersWhoAreNotMembers()
    {
        var carolId = Unique.Name("carol");
        await Api(0).GrantRoomAsync(_room, carolId); // kept while the room is open
        var bob = await ConnectAsync("bob");
        var carol = await ConnectAsync(carolId, exactId: true);
        await bob.JoinRoomAsync(_room);
        await carol.JoinRoomAsync(_room);

        await Api(1).SetRoomAccessAsync(_room, RoomAccess.Private);

        Assert.Equal([_room], await bob.Removed.WaitForCountAsync(1, "bob removed"));
        var left = await carol.Left.WaitForCountAsync(1, "bob left");
        Assert.Equal(bob.UserId, Assert.Single(left).User.UserId);
        var marker = await carol.SendMessageAsync(_room, "still mine");
        await carol.WaitForMessageAsync(marker);
        Assert.Empty(carol.Removed.Snapshot());
        Assert.Equal([carolId], (await Api(0).GetRoomMembersAsync(_room)).Select(u => u.UserId));
    }

    [Fact]
    public async Task ARoomMadeOpenAgainAdmitsEveryoneAsBefore()
    {
        var bob = await ConnectAsync("bob");
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        await AssertForbiddenAsync(() => bob.JoinRoomAsync(_room));

        var reply = await Api(1).SetRoomAccessAsync(_room, RoomAccess.Open);

        Assert.Equal(new RoomAccessResponse(_room, RoomAccess.Open), reply);
        await bob.JoinRoomAsync(_room);
        await bob.SendMessageAsync(_room, "open again");
    }

    [Fact]
    public async Task ARevokedMemberRacingASendIsRefusedOrLandsBeforeTheRevokeNeverAfter()
    {
        var aliceId = Unique.Name("alice");
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        await Api(0).GrantRoomAsync(_room, aliceId);
        var alice = await ConnectAsync(aliceId, exactId: true);
        await alice.JoinRoomAsync(_room);
        await alice.SendMessageAsync(_room, "first");

        var refused = new TaskCompletionSource<HubException>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 18 && !refused.Task.IsCompleted; i++) // within the rate limit's burst
            {
                try
                {
                    await alice.SendMessageAsync(_room, $"racing {i}");
                }
                catch (HubException ex)
                {
                    refused.TrySetResult(ex);
                }
            }
        });
        await Api(1).RevokeRoomAsync(_room, aliceId);
        var lastBeforeRevokeReturned = (await Api(0).GetMessagesAsync(_room, 0, 500)).Max(m => m.Sequence);
        await sending;

        var error = refused.Task.IsCompleted ? await refused.Task : await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(_room, "late"));
        Assert.True(error.Message.StartsWith(ChatErrors.ForbiddenRoom, StringComparison.Ordinal) || error.Message.StartsWith(ChatErrors.NotInRoom, StringComparison.Ordinal), error.Message);
        var stored = await Api(0).GetMessagesAsync(_room, 0, 500);
        Assert.All(stored, m => Assert.True(m.Sequence <= lastBeforeRevokeReturned, $"#{m.Sequence} '{m.Text}' was stored after the revoke returned"));
    }

    [Fact]
    public async Task ChatClientRaisesRemovedFromRoomAndDoesNotRejoinTheRoomAfterAReconnect()
    {
        var aliceId = Unique.Name("alice");
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        await Api(0).GrantRoomAsync(_room, aliceId);
        var client = await TestChatClient.ConnectAsync(cluster.Nodes[0], aliceId);
        _clients.Add(client);
        var removed = new EventLog<string>();
        client.Client.RemovedFromRoom += removed.Add;
        await client.Client.JoinRoomAsync(_room);
        await client.Client.JoinRoomAsync("lobby");

        await Api(1).RevokeRoomAsync(_room, aliceId);

        Assert.Equal([_room], await removed.WaitForCountAsync(1, "removed from the room"));
        Assert.Equal(["lobby"], client.Client.Rooms);
    }

    [Fact]
    public async Task APrivateRoomsMessagesPostedThroughTheApiReachOnlyItsMembers()
    {
        var aliceId = Unique.Name("alice");
        await Api(0).SetRoomAccessAsync(_room, RoomAccess.Private);
        await Api(0).GrantRoomAsync(_room, aliceId);
        var alice = await ConnectAsync(aliceId, exactId: true);
        await alice.JoinRoomAsync(_room);

        var posted = await Api(1).PostMessageAsync(_room, new PostMessageRequest("support-bot", "Support", "how can we help?"));

        await alice.WaitForMessageAsync(posted.Message);
        Assert.True(posted.Created);
    }

    private RealtimeHubApiClient Api(int node) => cluster.Nodes[node % cluster.Nodes.Count].CreateApiClient();

    private async Task<HubProbe> ConnectAsync(string user, bool exactId = false, string? token = null)
    {
        var userId = exactId ? user : Unique.Name(user);
        var index = Interlocked.Increment(ref _nextNode) - 1;
        var probe = await HubProbe.ConnectAsync(cluster.Nodes[index % cluster.Nodes.Count], userId, token: token);
        lock (_clients)
        {
            _clients.Add(probe);
        }

        return probe;
    }

    private static async Task AssertForbiddenAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.StartsWith(ChatErrors.ForbiddenRoom, error.Message, StringComparison.Ordinal);
    }
}
