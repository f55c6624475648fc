using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RealtimeHub.Client;
using RealtimeHub.Client.Api;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Api;

/// <summary>
/// What the server API does (CONTRACT §8) against each cluster shape, through the typed client and raw HTTP. In a
/// cluster, API calls and the users they concern sit on different nodes.
/// </summary>
public abstract class ServerApiBehaviourTests<TCluster>(TCluster cluster) : IAsyncLifetime
    where TCluster : IHubCluster
{
    private readonly List<HubProbe> _probes = [];
    private readonly string _room = Unique.Name("room");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes)
        {
            await probe.DisposeAsync();
        }
    }

    [Fact]
    public async Task APostedMessageIsBroadcastLikeAMembersAndARetryFromAnotherNodeReturnsTheOriginal()
    {
        var bob = await ConnectAsync("bob", node: 1);
        await bob.JoinRoomAsync(_room);
        var member = await bob.SendMessageAsync(_room, "before the bot");
        var body = new { senderId = "billing-bot", senderName = "Billing", text = "invoice ready", clientMessageId = "invoice-42" };

        using var first = await Http(0).PostAsJsonAsync($"api/v1/rooms/{_room}/messages", body);
        using var retry = await Http(1).PostAsJsonAsync($"api/v1/rooms/{_room}/messages", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var original = (await first.Content.ReadFromJsonAsync<ChatMessage>())!;
        Assert.Equal(original, await retry.Content.ReadFromJsonAsync<ChatMessage>());
        Assert.Equal(member.Sequence + 1, original.Sequence);
        var marker = await bob.SendMessageAsync(_room, "after the bot");
        await bob.WaitForMessageAsync(marker);
        Assert.Single(bob.Messages.Snapshot(), m => m.Id == original.Id);
        Assert.Equal(["before the bot", "invoice ready", "after the bot"], (await Api(1).GetMessagesAsync(_room)).Select(m => m.Text));
    }

    [Fact]
    public async Task ARoomNeedNotHaveMembersToBePostedTo()
    {
        var posted = await Api(0).PostMessageAsync(_room, new PostMessageRequest("cron", null, "nightly report"));
        var bob = await ConnectAsync("bob", node: 1);

        var snapshot = await bob.JoinRoomAsync(_room);

        Assert.Equal([posted.Message.Id], snapshot.Recent.Select(m => m.Id));
        Assert.Equal(("cron", "cron"), (posted.Message.SenderId, posted.Message.SenderName));
    }

    [Fact]
    public async Task MembersAndPresenceListWhoIsOnlineOnEveryNode()
    {
        var alice = await ConnectAsync("alice", node: 0);
        var bob = await ConnectAsync("bob", node: 1);
        await alice.JoinRoomAsync(_room);
        await bob.JoinRoomAsync(_room);

        var members = await Api(0).GetRoomMembersAsync(_room);
        var online = await Api(1).GetPresenceAsync();

        Assert.Equal([alice.UserId, bob.UserId], members.Select(m => m.UserId).Order());
        Assert.Contains(alice.UserId, online.Select(u => u.UserId));
        Assert.Contains(bob.UserId, online.Select(u => u.UserId));
    }

    [Theory]
    [InlineData(ChatProtocol.Json)]
    [InlineData(ChatProtocol.MessagePack)]
    public async Task ANotificationReachesEveryConnectionOfTheUserOnEveryNodeAndNobodyElse(ChatProtocol protocol)
    {
        var aliceId = Unique.Name("alice");
        var tabs = new[] { await ConnectAsync(aliceId, node: 0, exactId: true, protocol: protocol), await ConnectAsync(aliceId, node: 1, exactId: true, protocol: protocol) };
        var bob = await ConnectAsync("bob", node: 0, protocol: protocol);
        var data = JsonDocument.Parse("""{"invoice":42,"amount":12.5,"paid":false,"lines":["a","b"],"note":null,"meta":{"Case":"Kept"}}""").RootElement;

        var id = await Api(1).NotifyAsync(aliceId, "invoice.ready", data);
        var other = await Api(0).NotifyAsync(bob.UserId, "marker", JsonDocument.Parse("1").RootElement);

        foreach (var tab in tabs)
        {
            var received = Assert.Single(await tab.Notifications.WaitForCountAsync(1, "alice's notification"));
            Assert.Equal((id, "invoice.ready"), (received.Id, received.Type));
            Assert.Equal(data.GetRawText(), JsonSerializer.Serialize((JsonElement)received.Data!));
            Assert.True(DateTime.UtcNow - received.SentAt < TimeSpan.FromMinutes(1));
        }

        Assert.Equal([other], (await bob.Notifications.WaitForCountAsync(1, "bob's own notification")).Select(n => n.Id));
        Assert.All(tabs, tab => Assert.Single(tab.Notifications.Snapshot()));
    }

    [Fact]
    public async Task ANotificationToAUserWithNoConnectionIsStillAccepted()
    {
        using var response = await Http(0).PostAsJsonAsync($"api/v1/users/{Unique.Name("nobody")}/notifications", new { type = "t", data = "x" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<NotificationAccepted>())!.Id));
    }

    [Fact]
    public async Task ChatClientRaisesNotificationsWithTheirDataOnBothProtocols()
    {
        var userId = Unique.Name("erin");
        foreach (var protocol in new[] { ChatProtocol.Json, ChatProtocol.MessagePack })
        {
            await using var client = await Client.TestChatClient.ConnectAsync(cluster.Nodes[0], userId, configure: o => o.Protocol = protocol);
            var received = new EventLog<Notification>();
            client.Client.NotificationReceived += received.Add;
            await client.Client.GetOnlineUsersAsync(); // answered once the node has subscribed the user's channel

            await Api(1).NotifyAsync(userId, "order:shipped", new { order = 7, items = new[] { "book" } });

            var notification = Assert.Single(await received.WaitForCountAsync(1, $"notification over {protocol}"));
            Assert.Equal("""{"order":7,"items":["book"]}""", JsonSerializer.Serialize((JsonElement)notification.Data!));
        }
    }

    [Fact]
    public async Task TheTypedClientSurfacesProblemsAsTypedExceptions()
    {
        var error = await Assert.ThrowsAsync<RealtimeHubApiException>(() => Api(0).PostMessageAsync("bad room", new PostMessageRequest("bot", null, "hi")));
        var unauthorized = await Assert.ThrowsAsync<RealtimeHubApiException>(() => RealtimeHubApiClient.Create(cluster.Nodes[0].BaseUri, "wrong-key").GetPresenceAsync());

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.StartsWith(ChatErrors.InvalidRoom, error.Problem?.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(401, unauthorized.Problem?.Status);
    }

    [Fact]
    public async Task TheTypedClientCallsEveryRoute()
    {
        var api = Api(0);
        var alice = await ConnectAsync("alice", node: 1);

        var posted = await api.PostMessageAsync(_room, new PostMessageRequest("bot", "Bot", "hello", "once"));
        var again = await api.PostMessageAsync(_room, new PostMessageRequest("bot", "Bot", "hello", "once"));
        var access = await api.SetRoomAccessAsync(_room, RoomAccess.Private);
        await api.GrantRoomAsync(_room, alice.UserId);
        await alice.JoinRoomAsync(_room);
        var members = await api.GetRoomMembersAsync(_room);
        await api.NotifyAsync(alice.UserId, "hello", new { from = "bot" });
        await alice.Notifications.WaitForCountAsync(1, "notification");
        await api.RevokeRoomAsync(_room, alice.UserId);
        await alice.Removed.WaitForCountAsync(1, "removal");

        Assert.True(posted.Created);
        Assert.False(again.Created);
        Assert.Equal(posted.Message.Id, again.Message.Id);
        Assert.Equal(new RoomAccessResponse(_room, RoomAccess.Private), access);
        Assert.Equal([alice.UserId], members.Select(m => m.UserId));
        Assert.Equal([posted.Message.Id], (await api.GetMessagesAsync(_room, 0, 1)).Select(m => m.Id));
        Assert.Contains(alice.UserId, (await api.GetPresenceAsync()).Select(u => u.UserId));
    }

    private RealtimeHubApiClient Api(int node) => cluster.Nodes[node % cluster.Nodes.Count].CreateApiClient();

    private HttpClient Http(int node) => cluster.Nodes[node % cluster.Nodes.Count].CreateApiHttpClient();

    private async Task<HubProbe> ConnectAsync(string user, int node, bool exactId = false, ChatProtocol protocol = ChatProtocol.Json)
    {
        var probe = await HubProbe.ConnectAsync(cluster.Nodes[node % cluster.Nodes.Count], exactId ? user : Unique.Name(user), protocol: protocol);
        lock (_probes)
        {
            _probes.Add(probe);
        }

        return probe;
    }
}
