using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Chat;

/// <summary>
/// Every rule of the hub contract, written once and run against each cluster shape (one embedded node; several nodes
/// on one Redis). Consecutive clients land on consecutive nodes, so in a cluster the parties of a test sit on different nodes.
/// </summary>
public abstract class ChatBehaviourTests<TCluster>(TCluster cluster) : BehaviourSuite<TCluster>(cluster)
    where TCluster : IHubCluster
{

    [Fact]
    public async Task JoinRoomReturnsASnapshotWithMembersRecentMessagesAndLastSequence()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        await alice.JoinRoomAsync(room);
        for (var i = 1; i <= 3; i++)
        {
            await alice.SendMessageAsync(room, $"hello {i}");
        }

        var bob = await ConnectAsync("bob");
        var snapshot = await bob.JoinRoomAsync(room);

        Assert.Equal(room, snapshot.Room);
        Assert.Equal([alice.UserId, bob.UserId], snapshot.Members.Select(m => m.UserId).Order());
        Assert.Equal(["hello 1", "hello 2", "hello 3"], snapshot.Recent.Select(m => m.Text));
        Assert.Equal([1L, 2, 3], snapshot.Recent.Select(m => m.Sequence));
        Assert.Equal(3, snapshot.LastSequence);
    }

    [Fact]
    public async Task ARoomKeepsOneEpochInSnapshotsMessagesAndHistoryForAsLongAsItsHistoryLasts()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        var first = await alice.JoinRoomAsync(room);
        var sent = new[] { await alice.SendMessageAsync(room, "one"), await alice.SendMessageAsync(room, "two") };
        var bob = await ConnectAsync("bob");
        var later = await bob.JoinRoomAsync(room);
        var history = await bob.GetHistoryAsync(room, 0, 10);
        var other = await bob.JoinRoomAsync(Unique.Name("other"));

        Assert.False(string.IsNullOrEmpty(first.Epoch)); // an empty room already has its epoch
        Assert.Equal(0, first.LastSequence);
        Assert.All(sent.Concat(later.Recent).Concat(history), m => Assert.Equal(first.Epoch, m.Epoch));
        Assert.Equal(first.Epoch, later.Epoch);
        Assert.Equal([1L, 2L], history.Select(m => m.Sequence));
        Assert.NotEqual(first.Epoch, other.Epoch); // epochs are per room
    }

    [Fact]
    public async Task SnapshotHoldsAtMostTheFiftyNewestMessagesOldestFirst()
    {
        var room = Unique.Name("room");
        var writers = new List<HubProbe>();
        for (var w = 0; w < 4; w++)
        {
            var writer = await ConnectAsync("writer");
            await writer.JoinRoomAsync(room);
            writers.Add(writer);
        }

        for (var i = 1; i <= 60; i++)
        {
            await writers[i % writers.Count].SendMessageAsync(room, $"m{i}");
        }

        var reader = await ConnectAsync("reader");
        var snapshot = await reader.JoinRoomAsync(room);

        Assert.Equal(50, snapshot.Recent.Count);
        Assert.Equal(Enumerable.Range(11, 50).Select(i => (long)i), snapshot.Recent.Select(m => m.Sequence));
        Assert.Equal(60, snapshot.LastSequence);
    }

    [Fact]
    public async Task JoinIsAnnouncedToOthersOnlyForTheUsersFirstConnection()
    {
        var room = Unique.Name("room");
        var bob = await ConnectAsync("bob");
        await bob.JoinRoomAsync(room);
        var aliceId = Unique.Name("alice");
        var aliceTab1 = await ConnectAsync(aliceId, exactId: true);
        var aliceTab2 = await ConnectAsync(aliceId, exactId: true);

        await aliceTab1.JoinRoomAsync(room);
        await aliceTab2.JoinRoomAsync(room);
        var marker = await aliceTab2.SendMessageAsync(room, "marker");
        await bob.WaitForMessageAsync(marker);

        // The join and the marker may come from different nodes, so wait for the join itself, then check it came once.
        await bob.Joined.WaitUntilAsync(all => all.Any(e => e.User.UserId == aliceId), "alice's join");
        Assert.Single(bob.Joined.Snapshot(), e => e.Room == room && e.User.UserId == aliceId);
        Assert.DoesNotContain(aliceTab1.Joined.Snapshot(), e => e.User.UserId == aliceId);
    }

    [Fact]
    public async Task LeaveIsAnnouncedOnlyWhenTheUsersLastConnectionLeaves()
    {
        var room = Unique.Name("room");
        var bob = await ConnectAsync("bob");
        await bob.JoinRoomAsync(room);
        var aliceId = Unique.Name("alice");
        var aliceTab1 = await ConnectAsync(aliceId, exactId: true);
        var aliceTab2 = await ConnectAsync(aliceId, exactId: true);
        await aliceTab1.JoinRoomAsync(room);
        await aliceTab2.JoinRoomAsync(room);

        await aliceTab1.LeaveRoomAsync(room);
        var marker = await aliceTab2.SendMessageAsync(room, "still here");
        await bob.WaitForMessageAsync(marker);
        Assert.Empty(bob.Left.Snapshot());

        await aliceTab2.LeaveRoomAsync(room);
        var left = await bob.Left.WaitForCountAsync(1, "alice left");
        Assert.Equal(new RoomEvent(room, new UserPresence(aliceId, aliceId)), left.Single());
        Assert.DoesNotContain(aliceId, (await bob.JoinRoomAsync(room)).Members.Select(m => m.UserId));
    }

    [Fact]
    public async Task DisconnectingLeavesEveryRoom()
    {
        var rooms = new[] { Unique.Name("room"), Unique.Name("room") };
        var bob = await ConnectAsync("bob");
        var alice = await ConnectAsync("alice");
        foreach (var room in rooms)
        {
            await bob.JoinRoomAsync(room);
            await alice.JoinRoomAsync(room);
        }

        await alice.Connection.StopAsync();

        var left = await bob.Left.WaitForCountAsync(2, "alice leaving both rooms");
        Assert.Equal(rooms.Order(), left.Where(e => e.User.UserId == alice.UserId).Select(e => e.Room).Order());
    }

    [Fact]
    public async Task MessageReachesEveryConnectionInTheRoomOnceIncludingTheSender()
    {
        var room = Unique.Name("room");
        var members = new List<HubProbe>();
        for (var i = 0; i < 4; i++)
        {
            var member = await ConnectAsync("member");
            await member.JoinRoomAsync(room);
            members.Add(member);
        }

        var sent = await members[0].SendMessageAsync(room, "to everyone");
        var marker = await members[1].SendMessageAsync(room, "marker");

        foreach (var member in members)
        {
            // Sent from different nodes, the two may arrive in either order (clients order by sequence): wait for both.
            await member.WaitForMessageAsync(marker);
            await member.WaitForMessageAsync(sent);
            Assert.Single(member.Messages.Snapshot(), m => m.Id == sent.Id);
        }
    }

    [Fact]
    public async Task MessagesNeverReachConnectionsOutsideTheRoom()
    {
        var room = Unique.Name("room");
        var other = Unique.Name("room");
        var sender = await ConnectAsync("sender");
        await sender.JoinRoomAsync(room);
        var outsider = await ConnectAsync("outsider");
        await outsider.JoinRoomAsync(other);
        await sender.JoinRoomAsync(other);

        await sender.SendMessageAsync(room, "secret");
        var marker = await sender.SendMessageAsync(other, "marker");
        await outsider.WaitForMessageAsync(marker);

        Assert.DoesNotContain(outsider.Messages.Snapshot(), m => m.Room == room);
    }

    [Fact]
    public async Task SenderIdentityComesFromTheToken()
    {
        var room = Unique.Name("room");
        var userId = Unique.Name("u");
        var alice = await ConnectAsync(userId, name: "Alice Liddell", exactId: true);
        await alice.JoinRoomAsync(room);

        var message = await alice.SendMessageAsync(room, "  who am I?  ");

        Assert.Equal(userId, message.SenderId);
        Assert.Equal("Alice Liddell", message.SenderName);
        Assert.Equal("who am I?", message.Text);
        Assert.Equal(DateTimeKind.Utc, message.SentAt.Kind);
    }

    [Fact]
    public async Task RetryWithTheSameClientMessageIdReturnsTheOriginalAndBroadcastsOnce()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);

        var first = await alice.SendMessageAsync(room, "once", "client-id-1");
        var retry = await alice.SendMessageAsync(room, "once", "client-id-1");
        var marker = await alice.SendMessageAsync(room, "marker");
        await bob.WaitForMessageAsync(marker);

        Assert.Equal(first, retry);
        Assert.Single(bob.Messages.Snapshot(), m => m.ClientMessageId == "client-id-1");
        Assert.Equal(first.Sequence + 1, marker.Sequence);
    }

    [Fact]
    public async Task RetryFromAnotherConnectionOfTheSameUserIsStillDeduplicated()
    {
        var room = Unique.Name("room");
        var aliceId = Unique.Name("alice");
        var tab1 = await ConnectAsync(aliceId, exactId: true);
        var tab2 = await ConnectAsync(aliceId, exactId: true);
        await tab1.JoinRoomAsync(room);
        await tab2.JoinRoomAsync(room);

        var first = await tab1.SendMessageAsync(room, "once", "same-id");
        var retry = await tab2.SendMessageAsync(room, "once", "same-id");

        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(first.Sequence, (await tab1.GetHistoryAsync(room, 0, 500)).Single().Sequence);
    }

    [Fact]
    public async Task TheSameClientMessageIdFromAnotherUserIsANewMessage()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);

        var fromAlice = await alice.SendMessageAsync(room, "hi", "shared-id");
        var fromBob = await bob.SendMessageAsync(room, "hi", "shared-id");

        Assert.NotEqual(fromAlice.Id, fromBob.Id);
        Assert.Equal(fromAlice.Sequence + 1, fromBob.Sequence);
    }

    [Fact]
    public async Task SequencesAreGaplessUnderConcurrentSenders()
    {
        const int senders = 6;
        const int perSender = 15; // within the default burst, so the rate limit never interferes
        var room = Unique.Name("room");
        var probes = new List<HubProbe>();
        for (var i = 0; i < senders; i++)
        {
            var probe = await ConnectAsync("sender");
            await probe.JoinRoomAsync(room);
            probes.Add(probe);
        }

        var sent = await Task.WhenAll(probes.Select(async p =>
        {
            var mine = new List<ChatMessage>();
            for (var i = 0; i < perSender; i++)
            {
                mine.Add(await p.SendMessageAsync(room, $"{p.UserId} {i}", Guid.NewGuid().ToString()));
            }

            return mine;
        }));

        const int total = senders * perSender;
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), sent.SelectMany(s => s).Select(m => m.Sequence).Order());
        var history = await probes[0].GetHistoryAsync(room, 0, 500);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), history.Select(m => m.Sequence));
        foreach (var probe in probes)
        {
            var received = await probe.Messages.WaitForCountAsync(total, "every message", m => m.Room == room);
            Assert.Equal(total, received.Where(m => m.Room == room).Select(m => m.Sequence).Distinct().Count());
        }
    }

    [Fact]
    public async Task HistoryPagesOldestFirstAfterASequence()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        await alice.JoinRoomAsync(room);
        for (var i = 1; i <= 12; i++)
        {
            await alice.SendMessageAsync(room, $"m{i}");
        }

        var page1 = await alice.GetHistoryAsync(room, 0, 5);
        var page2 = await alice.GetHistoryAsync(room, page1[^1].Sequence, 5);
        var page3 = await alice.GetHistoryAsync(room, page2[^1].Sequence, 5);
        var after = await alice.GetHistoryAsync(room, 12, 5);

        Assert.Equal([1L, 2, 3, 4, 5], page1.Select(m => m.Sequence));
        Assert.Equal([6L, 7, 8, 9, 10], page2.Select(m => m.Sequence));
        Assert.Equal([11L, 12], page3.Select(m => m.Sequence));
        Assert.Equal(["m11", "m12"], page3.Select(m => m.Text));
        Assert.Empty(after);
    }

    [Fact]
    public async Task TypingReachesOthersInTheRoomButNotTheTypist()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync("bob");
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);

        await alice.SetTypingAsync(room, true);
        await alice.SetTypingAsync(room, false);
        var typing = await bob.Typing.WaitForCountAsync(2, "typing on and off");
        var marker = await bob.SendMessageAsync(room, "marker");
        await alice.WaitForMessageAsync(marker);

        Assert.Equal([true, false], typing.Select(t => t.IsTyping));
        Assert.All(typing, t => Assert.Equal(alice.UserId, t.User.UserId));
        Assert.Empty(alice.Typing.Snapshot());
    }

    [Fact]
    public async Task PrivateMessageReachesEveryConnectionOfRecipientAndSender()
    {
        var aliceId = Unique.Name("alice");
        var bobId = Unique.Name("bob");
        var alice1 = await ConnectAsync(aliceId, exactId: true);
        var alice2 = await ConnectAsync(aliceId, exactId: true);
        var bob1 = await ConnectAsync(bobId, exactId: true);
        var bob2 = await ConnectAsync(bobId, exactId: true);
        var eve = await ConnectAsync("eve");

        var sent = await alice1.SendPrivateMessageAsync(bobId, "psst");
        var marker = await eve.SendPrivateMessageAsync(bobId, "marker");

        Assert.Equal(aliceId, sent.FromUserId);
        Assert.Equal(bobId, sent.ToUserId);
        foreach (var probe in new[] { alice1, alice2, bob1, bob2 })
        {
            await probe.Privates.WaitUntilAsync(all => all.Any(m => m.Id == sent.Id), "the private message");
        }

        await bob1.Privates.WaitUntilAsync(all => all.Any(m => m.Id == marker.Id), "the marker");
        await bob2.Privates.WaitUntilAsync(all => all.Any(m => m.Id == marker.Id), "the marker");
        Assert.All(new[] { alice1, alice2, bob1, bob2 }, p => Assert.Single(p.Privates.Snapshot(), m => m.Id == sent.Id));
        Assert.DoesNotContain(eve.Privates.Snapshot(), m => m.Id == sent.Id);
    }

    [Fact]
    public async Task PrivateMessageRetryWithTheSameClientMessageIdIsDeliveredOnce()
    {
        var bobId = Unique.Name("bob");
        var alice = await ConnectAsync("alice");
        var bob = await ConnectAsync(bobId, exactId: true);

        var first = await alice.SendPrivateMessageAsync(bobId, "once", "pm-1");
        var retry = await alice.SendPrivateMessageAsync(bobId, "once", "pm-1");
        var marker = await alice.SendPrivateMessageAsync(bobId, "marker", "pm-2");
        await bob.Privates.WaitUntilAsync(all => all.Any(m => m.Id == marker.Id), "the marker");

        Assert.Equal(first, retry);
        Assert.Single(bob.Privates.Snapshot(), m => m.ClientMessageId == "pm-1");
    }

    [Fact]
    public async Task OnlineUsersListsEachUserOnceHoweverManyConnectionsItHas()
    {
        var aliceId = Unique.Name("alice");
        await ConnectAsync(aliceId, exactId: true);
        await ConnectAsync(aliceId, exactId: true);
        var bob = await ConnectAsync("bob");

        var online = await bob.GetOnlineUsersAsync();

        Assert.Single(online, u => u.UserId == aliceId);
        Assert.Contains(online, u => u.UserId == bob.UserId);
    }

    [Fact]
    public async Task UserGoesOfflineWhenItsLastConnectionCloses()
    {
        var aliceId = Unique.Name("alice");
        var tab1 = await ConnectAsync(aliceId, exactId: true);
        var tab2 = await ConnectAsync(aliceId, exactId: true);
        var bob = await ConnectAsync("bob");

        await tab1.Connection.StopAsync();
        Assert.Contains(await bob.GetOnlineUsersAsync(), u => u.UserId == aliceId);

        await tab2.Connection.StopAsync();
        // StopAsync returns once the close is sent; the node (and in Redis mode, presence) processes it after that.
        await Poll.UntilAsync(async () => !(await bob.GetOnlineUsersAsync()).Any(u => u.UserId == aliceId), "alice to go offline");
        Assert.DoesNotContain(await bob.GetOnlineUsersAsync(), u => u.UserId == aliceId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("room*")]
    [InlineData("a?b")]
    [InlineData("a:b")]
    [InlineData("<script>")]
    [InlineData("ÄÖÜ")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task InvalidRoomNamesAreRefused(string room)
    {
        var alice = await ConnectAsync("alice");

        await AssertHubErrorAsync(ChatErrors.InvalidRoom, () => alice.JoinRoomAsync(room));
        await AssertHubErrorAsync(ChatErrors.InvalidRoom, () => alice.SendMessageAsync(room, "hi"));
    }

    [Fact]
    public async Task NullRoomIsRefused()
    {
        var alice = await ConnectAsync("alice");

        await AssertHubErrorAsync(ChatErrors.InvalidRoom, () => alice.Connection.InvokeAsync<RoomSnapshot>(nameof(IChatHub.JoinRoom), (string?)null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task EmptyMessagesAreRefused(string text)
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        await alice.JoinRoomAsync(room);

        await AssertHubErrorAsync(ChatErrors.InvalidMessage, () => alice.SendMessageAsync(room, text));
        Assert.Empty(await alice.GetHistoryAsync(room, 0, 10));
    }

    [Fact]
    public async Task MessagesLongerThanTheLimitAreRefusedAndNothingIsStored()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        await alice.JoinRoomAsync(room);

        await AssertHubErrorAsync(ChatErrors.InvalidMessage, () => alice.SendMessageAsync(room, new string('x', 4001)));
        var atLimit = await alice.SendMessageAsync(room, "  " + new string('y', 4000) + "  ");

        Assert.Equal(4000, atLimit.Text.Length);
        Assert.Single(await alice.GetHistoryAsync(room, 0, 10));
    }

    [Fact]
    public async Task CallsOnARoomTheCallerHasNotJoinedAreRefused()
    {
        var room = Unique.Name("room");
        var member = await ConnectAsync("member");
        await member.JoinRoomAsync(room);
        await member.SendMessageAsync(room, "private to the room");
        var outsider = await ConnectAsync("outsider");

        await AssertHubErrorAsync(ChatErrors.NotInRoom, () => outsider.SendMessageAsync(room, "hi"));
        await AssertHubErrorAsync(ChatErrors.NotInRoom, () => outsider.SetTypingAsync(room, true));
        await AssertHubErrorAsync(ChatErrors.NotInRoom, () => outsider.GetHistoryAsync(room, 0, 10));
    }

    [Fact]
    public async Task LeavingARoomEndsAccessToItsHistory()
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        await alice.JoinRoomAsync(room);
        await alice.LeaveRoomAsync(room);
        await alice.LeaveRoomAsync(room); // leaving twice is harmless

        await AssertHubErrorAsync(ChatErrors.NotInRoom, () => alice.GetHistoryAsync(room, 0, 10));
    }

    [Fact]
    public async Task JoiningMoreRoomsThanAllowedIsRefused()
    {
        var alice = await ConnectAsync("alice");
        var prefix = Unique.Name("many");
        for (var i = 0; i < 50; i++)
        {
            await alice.JoinRoomAsync($"{prefix}-{i}");
        }

        await AssertHubErrorAsync(ChatErrors.TooManyRooms, () => alice.JoinRoomAsync($"{prefix}-50"));
        var again = await alice.JoinRoomAsync($"{prefix}-0"); // re-joining a room it is in is fine
        Assert.Equal($"{prefix}-0", again.Room);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0000id")]
    public async Task PrivateMessagesToAnInvalidUserAreRefused(string toUserId)
    {
        var alice = await ConnectAsync("alice");

        await AssertHubErrorAsync(ChatErrors.InvalidUser, () => alice.SendPrivateMessageAsync(toUserId, "hi"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-1)]
    public async Task HistoryLimitsOutsideOneTo500AreRefused(int limit)
    {
        var room = Unique.Name("room");
        var alice = await ConnectAsync("alice");
        await alice.JoinRoomAsync(room);

        await AssertHubErrorAsync(ChatErrors.InvalidMessage, () => alice.GetHistoryAsync(room, 0, limit));
    }

    [Fact]
    public async Task EchoReturnsThePayloadUnchanged()
    {
        var alice = await ConnectAsync("alice");

        var reply = await alice.Connection.InvokeAsync<string>(nameof(IChatHub.Echo), "ping ✓ <b>");

        Assert.Equal("ping ✓ <b>", reply);
    }

    protected async Task<HubProbe> ConnectAsync(string user, string? name = null, bool exactId = false, int? node = null) =>
        Own(await HubProbe.ConnectAsync(NextNode(node), UserId(user, exactId), name, protocol: Protocol));

    private static async Task AssertHubErrorAsync(string prefix, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
    }
}
