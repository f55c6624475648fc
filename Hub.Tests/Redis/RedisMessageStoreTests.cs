using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisMessageStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly string _prefix = RedisServerFixture.NewPrefix("history");
    private ConnectionMultiplexer _nodeA = null!;
    private ConnectionMultiplexer _nodeB = null!;

    public async Task InitializeAsync()
    {
        _nodeA = await RedisTestConnections.ConnectAsync(redis.Configuration);
        _nodeB = await RedisTestConnections.ConnectAsync(redis.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
    }

    [Fact]
    public async Task SequencesAreGaplessUnderEightConcurrentWritersOnTwoNodes()
    {
        IMessageStore[] nodes = [Store(_nodeA), Store(_nodeB)];
        const int perWriter = 50;

        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var sequences = new List<long>();
            for (var i = 0; i < perWriter; i++)
            {
                var stored = await nodes[writer % 2].AppendAsync(new MessageDraft("lobby", $"user{writer}", $"User {writer}", $"{writer}/{i}", null));
                Assert.True(stored.Created);
                sequences.Add(stored.Message.Sequence);
            }

            return sequences;
        }));
        var perWriterSequences = await Task.WhenAll(writers);

        Assert.Equal(Enumerable.Range(1, 8 * perWriter).Select(i => (long)i), perWriterSequences.SelectMany(s => s).Order());
        Assert.All(perWriterSequences, sequences => Assert.Equal(sequences.Order(), sequences));
        var history = await nodes[0].GetAfterAsync("lobby", 0, 500);
        Assert.Equal(Enumerable.Range(1, 8 * perWriter).Select(i => (long)i), history.Select(m => m.Sequence));
    }

    [Fact]
    public async Task RepeatedClientMessageIdReturnsTheStoredOriginalFromAnyNode()
    {
        var first = await Store(_nodeA).AppendAsync(new MessageDraft("room", "alice", "Alice", "hello", "cid-1"));

        var retry = await Store(_nodeB).AppendAsync(new MessageDraft("room", "alice", "Alice", "hello again", "cid-1"));
        var next = await Store(_nodeA).AppendAsync(new MessageDraft("room", "alice", "Alice", "next", "cid-2"));

        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(first.Message, retry.Message);
        Assert.Equal(2, next.Message.Sequence);
        Assert.Equal(["hello", "next"], (await Store(_nodeA).GetAfterAsync("room", 0, 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task SameClientMessageIdFromAnotherSenderOrInAnotherRoomIsANewMessage()
    {
        var store = Store(_nodeA);

        var alice = await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "a", "same"));
        var bob = await store.AppendAsync(new MessageDraft("room", "bob", "Bob", "b", "same"));
        var elsewhere = await store.AppendAsync(new MessageDraft("other", "alice", "Alice", "c", "same"));
        var ambiguous = await store.AppendAsync(new MessageDraft("room", "alice:x", "Alice", "d", "y"));
        var ambiguousToo = await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "e", "x:y"));

        Assert.All([alice, bob, elsewhere, ambiguous, ambiguousToo], stored => Assert.True(stored.Created));
        Assert.Equal([1L, 2L, 1L, 3L, 4L], [alice.Message.Sequence, bob.Message.Sequence, elsewhere.Message.Sequence, ambiguous.Message.Sequence, ambiguousToo.Message.Sequence]);
    }

    [Fact]
    public async Task MessagesWithoutClientIdAreNeverDeduplicated()
    {
        var store = Store(_nodeA);

        var one = await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "same text", null));
        var two = await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "same text", null));

        Assert.True(one.Created && two.Created);
        Assert.NotEqual(one.Message.Id, two.Message.Id);
    }

    [Fact]
    public async Task HistoryIsTrimmedToHistoryLengthAndTheIdIndexWithIt()
    {
        var store = Store(_nodeA, historyLength: 5);

        for (var i = 1; i <= 12; i++)
        {
            await store.AppendAsync(new MessageDraft("room", "alice", "Alice", $"m{i}", $"cid-{i}"));
        }

        Assert.Equal([8L, 9L, 10L, 11L, 12L], (await store.GetAfterAsync("room", 0, 100)).Select(m => m.Sequence));
        Assert.Equal(5, (long)await _nodeA.RunAsync("ZCARD", $"{_prefix}:room:{{room}}:client-ids"));
        Assert.True((await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "m12 retry", "cid-12"))).Created is false);
    }

    [Fact]
    public async Task GetAfterPagesBySequenceOldestFirst()
    {
        var store = Store(_nodeA);
        for (var i = 1; i <= 10; i++)
        {
            await store.AppendAsync(new MessageDraft("room", "alice", "Alice", $"m{i}", null));
        }

        Assert.Equal([1L, 2L, 3L, 4L], (await store.GetAfterAsync("room", 0, 4)).Select(m => m.Sequence));
        Assert.Equal([5L, 6L, 7L, 8L], (await store.GetAfterAsync("room", 4, 4)).Select(m => m.Sequence));
        Assert.Equal([9L, 10L], (await store.GetAfterAsync("room", 8, 4)).Select(m => m.Sequence));
        Assert.Empty(await store.GetAfterAsync("room", 10, 4));
        Assert.Empty(await store.GetAfterAsync("room", 0, 0));
        Assert.Empty(await store.GetAfterAsync("nobody-here", 0, 10));
    }

    [Fact]
    public async Task GetLatestReturnsTheNewestMessagesOldestFirst()
    {
        var store = Store(_nodeA);
        for (var i = 1; i <= 10; i++)
        {
            await store.AppendAsync(new MessageDraft("room", "alice", "Alice", $"m{i}", null));
        }

        var head = await store.GetHeadAsync("room", 3);
        Assert.Equal(["m8", "m9", "m10"], head.Recent.Select(m => m.Text));
        Assert.Equal(10, head.LastSequence);
        Assert.Equal(10, (await store.GetHeadAsync("room", 50)).Recent.Count);
        var empty = await store.GetHeadAsync("empty", 50);
        Assert.Empty(empty.Recent);
        Assert.Equal(0, empty.LastSequence);
        Assert.NotEmpty(empty.Epoch); // an empty room already has the epoch its first message will get
        Assert.Equal(empty.Epoch, (await store.AppendAsync(new MessageDraft("empty", "alice", "Alice", "first", null))).Message.Epoch);
    }

    [Fact]
    public async Task StoredMessagesRoundTripAndAreCamelCaseJsonInRedis()
    {
        var sentAt = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var store = Store(_nodeA, time: new FakeTimeProvider(sentAt));

        var stored = await store.AppendAsync(new MessageDraft("room", "bob", "Bøb 🚀", "line1\nline2 \"quoted\" <b>", "c1"));
        var read = Assert.Single((await Store(_nodeB).GetHeadAsync("room", 1)).Recent);
        var raw = (string)(await _nodeA.RunAsync("ZRANGE", $"{_prefix}:room:{{room}}:messages", 0, 0))[0]!;

        Assert.Equal(stored.Message, read);
        Assert.Equal(sentAt.UtcDateTime, read.SentAt);
        Assert.Equal(DateTimeKind.Utc, read.SentAt.Kind);
        using var json = JsonDocument.Parse(raw);
        Assert.Equal("bob", json.RootElement.GetProperty("senderId").GetString());
        Assert.Equal("c1", json.RootElement.GetProperty("clientMessageId").GetString());
    }

    [Fact]
    public async Task RepeatedPrivateClientIdReturnsTheOriginalWhichExpires()
    {
        var store = Store(_nodeA);
        var original = new PrivateMessage("id-1", "alice", "Alice", "bob", "psst", DateTime.UtcNow, "p1");

        var first = await store.RecordPrivateAsync(original);
        var retry = await Store(_nodeB).RecordPrivateAsync(original with { Id = "id-2", Text = "psst again" });
        var otherSender = await store.RecordPrivateAsync(original with { Id = "id-3", FromUserId = "carol" });
        var withoutId = await store.RecordPrivateAsync(original with { Id = "id-4", ClientMessageId = null });

        Assert.True(first.Created);
        Assert.False(retry.Created);
        Assert.Equal(original, retry.Message);
        Assert.True(otherSender.Created);
        Assert.True(withoutId.Created);
        var ttl = (long)await _nodeA.RunAsync("PTTL", $"{_prefix}:private:5:alice:p1");
        Assert.InRange(ttl, 1, (long)TimeSpan.FromDays(1).TotalMilliseconds);
    }

    [Fact]
    public async Task TwoPrefixesOnOneRedisKeepSeparateHistories()
    {
        var other = new RedisMessageStore(_nodeA, Options.Create(new RedisOptions { ChannelPrefix = RedisServerFixture.NewPrefix("other-app") }), Options.Create(new ChatOptions()));
        await Store(_nodeA).AppendAsync(new MessageDraft("room", "alice", "Alice", "mine", "x"));

        var theirs = await other.AppendAsync(new MessageDraft("room", "alice", "Alice", "theirs", "x"));

        Assert.True(theirs.Created);
        Assert.Equal(1, theirs.Message.Sequence);
        Assert.Equal(["theirs"], (await other.GetAfterAsync("room", 0, 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task HistoryOutlivesTheNodeThatWroteIt()
    {
        await using (var node = await RedisTestConnections.ConnectAsync(redis.Configuration))
        {
            await Store(node).AppendAsync(new MessageDraft("room", "alice", "Alice", "before restart", null));
        }

        await using var restarted = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var history = await Store(restarted).GetAfterAsync("room", 0, 10);

        Assert.Equal(["before restart"], history.Select(m => m.Text));
    }

    [Theory]
    [InlineData("state")]
    [InlineData("messages")]
    [InlineData("client-ids")]
    public async Task ARoomKeyLostOnItsOwnStartsANewEpochInsteadOfContinuingTheOldSequences(string lost)
    {
        var store = Store(_nodeA);
        var first = await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "one", "c-1"));
        await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "two", "c-2"));

        await _nodeB.RunAsync("DEL", $"{_prefix}:room:{{room}}:{lost}"); // as an eviction would

        var next = await Store(_nodeB).AppendAsync(new MessageDraft("room", "alice", "Alice", "two", "c-2"));
        Assert.True(next.Created); // not mistaken for the lost epoch's c-2
        Assert.Equal(1, next.Message.Sequence);
        Assert.NotEqual(first.Message.Epoch, next.Message.Epoch);
        var history = await store.GetAfterAsync("room", 0, 10);
        Assert.Equal([(next.Message.Epoch, 1L, "two")], history.Select(m => (m.Epoch, m.Sequence, m.Text))); // nothing of the old epoch mixed in
    }

    [Fact]
    public async Task ACounterThatWentBackBehindWhatThisNodeSawStartsANewEpoch()
    {
        var store = Store(_nodeA);
        for (var i = 1; i <= 3; i++)
        {
            await store.AppendAsync(new MessageDraft("room", "alice", "Alice", $"m{i}", null));
        }

        // A failover to a replica that had only the first message: same epoch, counter back at 1.
        await _nodeB.RunAsync("HSET", $"{_prefix}:room:{{room}}:state", "seq", 1);
        await _nodeB.RunAsync("ZREMRANGEBYSCORE", $"{_prefix}:room:{{room}}:messages", 2, 3);

        var head = await store.GetHeadAsync("room", 50);
        Assert.Equal(0, head.LastSequence);
        Assert.Empty(head.Recent);
        var next = await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "after failover", null));
        Assert.Equal((head.Epoch, 1L), (next.Message.Epoch, next.Message.Sequence));
    }

    [Fact]
    public async Task TheEpochStaysTheSameForAsLongAsTheHistoryLasts()
    {
        var store = Store(_nodeA, historyLength: 2);
        var epochs = new HashSet<string>();
        for (var i = 1; i <= 5; i++)
        {
            epochs.Add((await store.AppendAsync(new MessageDraft("room", "alice", "Alice", $"m{i}", $"c-{i}"))).Message.Epoch);
        }

        epochs.Add((await Store(_nodeB).GetHeadAsync("room", 50)).Epoch);
        Assert.Single(epochs); // trimming (client ids included) is not a loss
        Assert.Equal(5, (await store.GetHeadAsync("room", 50)).LastSequence);
    }

    [Fact]
    public async Task AnUnconfirmedMessageIsLeasedToOneClaimantAtATimeAndOfferedAgainUntilItsBroadcastIsConfirmed()
    {
        var store = Store(_nodeA);
        var orphan = (await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "orphan", null))).Message;
        var confirmed = (await store.AppendAsync(new MessageDraft("room", "alice", "Alice", "confirmed", null))).Message;
        store.ConfirmBroadcast(confirmed);
        store.FlushConfirmations(); // what the next batch does
        await store.GetHeadAsync("room", 1); // after the fire-and-forget confirmation, on the same connection

        Assert.Empty(await store.ClaimUnbroadcastAsync("room")); // too young: its node may still be publishing it
        await AgeUnbroadcastAsync("room");
        var claims = await Task.WhenAll(Store(_nodeA).ClaimUnbroadcastAsync("room"), Store(_nodeB).ClaimUnbroadcastAsync("room"));
        Assert.Equal([orphan], claims.SelectMany(c => c)); // one claimant holds the lease; the confirmed one is nobody's
        Assert.Empty(await store.ClaimUnbroadcastAsync("room")); // leased: nobody else takes it meanwhile

        await AgeUnbroadcastAsync("room"); // the claimant's broadcast failed (or it died): the lease runs out
        Assert.Equal([orphan], await store.ClaimUnbroadcastAsync("room"));
        store.ConfirmBroadcast(orphan);
        store.FlushConfirmations();
        await AgeUnbroadcastAsync("room");
        Assert.Empty(await store.ClaimUnbroadcastAsync("room"));
    }

    [Fact]
    public async Task ARetryTakesOverTheBroadcastOnlyOfAnOriginalUnconfirmedForLongerThanTheGrace()
    {
        var store = Store(_nodeA);
        var draft = new MessageDraft("room", "alice", "Alice", "hello", "c-1");
        await store.AppendAsync(draft);

        Assert.False((await store.AppendAsync(draft)).MustBroadcast); // its node may still be publishing it
        await AgeUnbroadcastAsync("room");
        Assert.True((await Store(_nodeB).AppendAsync(draft)).MustBroadcast); // its node is gone: this retry broadcasts it
        Assert.False((await store.AppendAsync(draft)).MustBroadcast); // and holds the lease
    }

    [Fact]
    public async Task ReadingARoomNobodyWroteToLeavesOnlyAnExpiringKey()
    {
        var store = Store(_nodeA);
        Assert.Empty(await store.ClaimUnbroadcastAsync("made-up")); // the sweeper's look at an idle room writes nothing
        Assert.Equal(0, (long)await _nodeA.RunAsync("EXISTS", $"{_prefix}:room:{{made-up}}:state"));
        await store.GetHeadAsync("made-up", 50);
        Assert.InRange((long)await _nodeA.RunAsync("PTTL", $"{_prefix}:room:{{made-up}}:state"), 1, 86_400_000);

        await store.AppendAsync(new MessageDraft("made-up", "alice", "Alice", "first", null));
        Assert.Equal(-1, (long)await _nodeA.RunAsync("PTTL", $"{_prefix}:room:{{made-up}}:state")); // written to: kept
    }

    [Fact]
    public async Task EpochsOfARoomSortByAge()
    {
        var store = Store(_nodeA);
        var first = (await store.GetHeadAsync("room", 1)).Epoch;
        await _nodeA.RunAsync("DEL", $"{_prefix}:room:{{room}}:state");
        var second = (await store.GetHeadAsync("room", 1)).Epoch;

        Assert.True(string.CompareOrdinal(second, first) > 0, $"{second} after {first}");
    }

    /// <summary>Makes every unbroadcast entry of the room look stored long ago, as when its node died an hour back.</summary>
    private async Task AgeUnbroadcastAsync(string room)
    {
        var key = $"{_prefix}:room:{{{room}}}:unbroadcast";
        foreach (var member in (RedisResult[])(await _nodeA.RunAsync("ZRANGE", key, 0, -1))!)
        {
            await _nodeA.RunAsync("ZADD", key, "XX", 0, (string)member!);
        }
    }

    private RedisMessageStore Store(ConnectionMultiplexer connection, int historyLength = 1000, TimeProvider? time = null) =>
        new(connection, Options.Create(new RedisOptions { ChannelPrefix = _prefix }), Options.Create(new ChatOptions { HistoryLength = historyLength }), time);
}
