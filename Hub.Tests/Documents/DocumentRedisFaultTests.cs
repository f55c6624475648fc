using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Documents;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// Documents when Redis loses a log, when a node dies with editors in a document, and when a node dies between storing
/// an update and relaying it. Nodes of their own on the class's Redis, each test under its own prefix.
/// </summary>
public sealed class DocumentRedisFaultTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _prefix = RedisServerFixture.NewPrefix("docs");
    private readonly string _doc = Unique.Name("doc");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task WhenRedisLosesADocumentsLogTheDocumentStartsANewEpochAndItsConnectionsStayInIt()
    {
        var (node1, node2) = await StartNodesAsync();
        var (alice, bob) = (await OpenedAsync(node1, "alice"), await OpenedAsync(node2, "bob"));
        await alice.PushAsync(_doc, TestUpdates.Named("team-101-0"));
        var before = await alice.PushAsync(_doc, TestUpdates.Named("team-101-1"));

        await ForgetAsync("*"); // the whole log, as a restart without persistence or a flush would
        var reopened = await alice.OpenAsync(_doc, before.Epoch, before.Sequence);
        var pushed = await alice.PushAsync(_doc, TestUpdates.Named("team-snapshot")); // what a client does in a new epoch: its whole state
        var relayed = await bob.Updates.WaitUntilAsync(all => all.Any(u => u.Update.Epoch == pushed.Epoch), "the push in the new epoch");

        Assert.NotEqual(before.Epoch, reopened.Epoch);
        Assert.Equal((0L, 0, (byte[]?)null), (reopened.LastSequence, reopened.Updates.Length, reopened.Snapshot));
        Assert.Equal(new DocumentAck(reopened.Epoch, 1), pushed);
        Assert.Equal(1, relayed.Single(u => u.Update.Epoch == pushed.Epoch).Update.Sequence);
    }

    [Fact]
    public async Task WhenRedisLosesOnlyADocumentsSnapshotTheDocumentStartsANewEpoch()
    {
        var (node1, _) = await StartNodesAsync();
        var alice = await OpenedAsync(node1, "alice");
        foreach (var name in TestUpdates.TeamEdits)
        {
            await alice.PushAsync(_doc, TestUpdates.Named(name));
        }

        var before = await alice.PushAsync(_doc, TestUpdates.Named("text-one-client"));
        Assert.True(await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("team-snapshot"), TestUpdates.TeamEdits.Count));

        await ForgetAsync("snapshot"); // evicted, say: the tail alone would not be the document
        var reopened = await alice.OpenAsync(_doc, before.Epoch, before.Sequence);

        Assert.NotEqual(before.Epoch, reopened.Epoch);
        Assert.Equal(0, reopened.LastSequence);
    }

    [Fact]
    public async Task WhenANodeDiesTheReaperRemovesTheAwarenessItsConnectionsAnnounced()
    {
        var (node1, node2) = await StartNodesAsync(new()
        {
            ["Redis:Presence:HeartbeatInterval"] = "00:00:00.250",
            ["Redis:Presence:NodeTimeout"] = "00:00:01",
            ["Redis:Presence:ReapInterval"] = "00:00:00.250",
        });
        var (alice, bob) = (await OpenedAsync(node1, "alice"), await OpenedAsync(node2, "bob"));
        await alice.PushAwarenessAsync(_doc, TestUpdates.Awareness((1001, 4, """{"name":"alice"}""")));
        await bob.Awareness.WaitForCountAsync(1, "alice's caret");

        await node1.CrashAsync(); // no goodbye: its own disconnects cannot reach Redis
        var removal = (await bob.Awareness.WaitForCountAsync(2, "the removal of alice's caret"))[1];
        var carol = await OpenedAsync(node2, "carol");

        Assert.True(AwarenessUpdate.TryParse(removal.Update, out var entries, out _));
        Assert.Equal((1001UL, 5UL, true), (entries[0].ClientId, entries[0].Clock, entries[0].IsRemoval));
        Assert.Null((await carol.OpenAsync(_doc)).Awareness);
    }

    [Fact]
    public async Task AnUpdateStoredByANodeThatDiedBeforeRelayingItStillReachesEveryoneInTheDocument()
    {
        var (_, node2) = await StartNodesAsync(new() { ["Chat:RebroadcastAfter"] = "00:00:00.500" });
        var bob = await OpenedAsync(node2, "bob");
        var deadNode = await DeadNodeStoreAsync();

        var stored = await deadNode.AppendAsync(new UpdateDraft(_doc, "alice", TestUpdates.Named("team-101-0"), "cid", null, false)); // never confirmed
        var relayed = await bob.Updates.WaitForCountAsync(1, "the orphaned update");

        Assert.NotNull(stored);
        Assert.Equal(stored.Ack, new DocumentAck(relayed[0].Update.Epoch, relayed[0].Update.Sequence));
        Assert.Equal(TestUpdates.Named("team-101-0"), relayed[0].Update.Update);
    }

    [Fact]
    public async Task AnUpdateCompactedBeforeItsBroadcastWasConfirmedCanStillBeRelayed()
    {
        var deadNode = await DeadNodeStoreAsync();
        var stored = (await deadNode.AppendAsync(new UpdateDraft(_doc, "alice", TestUpdates.Named("team-101-0"), null, null, false)))!;
        var basis = await deadNode.ReadForCompactionAsync(_doc, stored.Ack.Sequence);

        Assert.NotNull(basis);
        Assert.True(await deadNode.ReplaceSnapshotAsync(_doc, basis, stored.Ack.Sequence, TestUpdates.Named("team-snapshot")));
        Assert.Empty((await deadNode.OpenAsync(_doc, null, 0))!.Updates); // readers see the snapshot only
        var claimed = await PollClaimAsync(deadNode);
        Assert.Equal(stored.Ack.Sequence, Assert.Single(claimed).Sequence);
    }

    private async Task<IReadOnlyList<DocumentUpdate>> PollClaimAsync(RedisDocumentStore store)
    {
        IReadOnlyList<DocumentUpdate> claimed = [];
        await Poll.UntilAsync(async () => (claimed = await store.ClaimUnbroadcastAsync(_doc)).Count > 0, "the unconfirmed update to be due");
        return claimed;
    }

    private async Task<(HubNode, HubNode)> StartNodesAsync(Dictionary<string, string?>? settings = null)
    {
        var nodes = await FaultTestNodes.StartAsync(2, redis.Configuration, _prefix, settings);
        _owned.AddRange(nodes);
        return (nodes[0], nodes[1]);
    }

    private async Task<DocumentProbe> OpenedAsync(HubNode node, string user)
    {
        var probe = await DocumentProbe.ConnectAsync(node, Unique.Name(user));
        _owned.Add(probe);
        await probe.OpenAsync(_doc);
        return probe;
    }

    /// <summary>Deletes the document's keys whose suffix matches <paramref name="suffix"/> (a glob).</summary>
    private async Task ForgetAsync(string suffix)
    {
        await using var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        var server = connection.GetServers()[0];
        var keys = server.Keys(pattern: $"{_prefix}:doc:{{{_doc}}}:{suffix}").Where(k => !k.ToString().EndsWith(":deleted", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(keys);
        await connection.GetDatabase().KeyDeleteAsync(keys);
    }

    /// <summary>A document store on its own Redis connection, as a node that stores and then dies before relaying would have.</summary>
    private async Task<RedisDocumentStore> DeadNodeStoreAsync()
    {
        var connection = await RedisTestConnections.ConnectAsync(redis.Configuration);
        _owned.Add(connection);
        var services = new ServiceCollection().AddLogging().AddSingleton<IConnectionMultiplexer>(connection).AddSingleton(TimeProvider.System);
        services.AddOptions<RedisOptions>().Configure(o => o.ChannelPrefix = _prefix);
        services.AddOptions<DocsOptions>();
        services.AddOptions<RealtimeHub.Server.Chat.ChatOptions>().Configure(o => o.RebroadcastAfter = TimeSpan.FromMilliseconds(300));
        return ActivatorUtilities.CreateInstance<RedisDocumentStore>(services.BuildServiceProvider());
    }
}
