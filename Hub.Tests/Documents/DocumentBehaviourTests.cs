using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Client;
using RealtimeHub.Client.Api;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// Every rule of the document hub (CONTRACT §10), written once and run against each cluster shape. Consecutive probes
/// land on consecutive nodes and API calls go to the next node, so in a cluster the parties of a test sit on different nodes.
/// </summary>
public abstract partial class DocumentBehaviourTests<TCluster>(TCluster cluster) : BehaviourSuite<TCluster>(cluster)
    where TCluster : IHubCluster
{
    private readonly string _doc = Unique.Name("doc");

    [Fact]
    public async Task FirstOpenReturnsTheDocumentsEpochAndAnEmptyState()
    {
        var alice = await ConnectAsync("alice");

        var state = await alice.OpenAsync(_doc);
        var again = await (await ConnectAsync("bob")).OpenAsync(_doc);

        Assert.Equal(_doc, state.DocId);
        Assert.False(string.IsNullOrEmpty(state.Epoch));
        Assert.Null(state.Snapshot);
        Assert.Equal(0, state.SnapshotSequence);
        Assert.Empty(state.Updates);
        Assert.Equal(0, state.LastSequence);
        Assert.True(state.CanWrite);
        Assert.Null(state.Awareness);
        Assert.Equal(state.Epoch, again.Epoch); // the epoch exists from the first open, on every node
    }

    [Fact]
    public async Task PushesAreSequencedWithoutGapsAndRelayedToEveryOtherConnectionButNotTheSender()
    {
        var (alice, bob, carol) = (await OpenedAsync("alice"), await OpenedAsync("bob"), await OpenedAsync("carol"));

        var acks = new List<DocumentAck>();
        foreach (var name in TestUpdates.TeamEdits.Take(3))
        {
            acks.Add(await alice.PushAsync(_doc, TestUpdates.Named(name)));
        }

        var bobs = await bob.Updates.WaitForCountAsync(3, "alice's updates");
        var carols = await carol.Updates.WaitForCountAsync(3, "alice's updates");
        var reply = await bob.PushAsync(_doc, TestUpdates.Named(TestUpdates.TeamEdits[3]));
        await alice.WaitForUpdateAsync(_doc, reply.Sequence);

        Assert.Equal([1L, 2, 3], acks.Select(a => a.Sequence));
        Assert.Single(acks.Select(a => a.Epoch).Distinct());
        foreach (var received in new[] { bobs, carols })
        {
            Assert.Equal([1L, 2, 3], received.Select(u => u.Update.Sequence));
            Assert.All(received, u => Assert.Equal((_doc, alice.UserId, acks[0].Epoch), (u.Update.DocId, u.Update.UserId, u.Update.Epoch)));
            Assert.Equal(TestUpdates.TeamEdits.Take(3).Select(TestUpdates.Named), received.Select(u => u.Update.Update));
        }

        Assert.Equal([4L], alice.Updates.Snapshot().Select(u => u.Update.Sequence)); // bob's, never her own
        Assert.Equal(4, reply.Sequence);
    }

    [Fact]
    public async Task ReopeningWithTheKnownEpochAndSequenceReturnsOnlyTheUpdatesAfterIt()
    {
        var alice = await OpenedAsync("alice");
        DocumentAck last = null!;
        foreach (var name in TestUpdates.TeamEdits.Take(4))
        {
            last = await alice.PushAsync(_doc, TestUpdates.Named(name));
        }

        var bob = await ConnectAsync("bob");
        var tail = await bob.OpenAsync(_doc, last.Epoch, 2);
        var whole = await bob.OpenAsync(_doc, null, 0);
        var otherEpoch = await bob.OpenAsync(_doc, "0000000000000000000", 2);

        Assert.Null(tail.Snapshot);
        Assert.Equal([3L, 4], tail.Updates.Select(u => u.Sequence));
        Assert.Equal(4, tail.LastSequence);
        Assert.Equal([1L, 2, 3, 4], whole.Updates.Select(u => u.Sequence));
        Assert.Equal(TestUpdates.TeamEdits.Take(4).Select(TestUpdates.Named), whole.Updates.Select(u => u.Update));
        Assert.Equal([1L, 2, 3, 4], otherEpoch.Updates.Select(u => u.Sequence));
    }

    [Fact]
    public async Task TheSameUserDocumentAndClientUpdateIdAgainReturnsTheOriginalAckAndStoresNothing()
    {
        var (alice, bob) = (await OpenedAsync("alice"), await OpenedAsync("bob"));

        var first = await alice.PushAsync(_doc, TestUpdates.Named("team-101-0"), "cid-1");
        var retry = await alice.PushAsync(_doc, TestUpdates.Named("team-101-1"), "cid-1");
        var bobsOwn = await bob.PushAsync(_doc, TestUpdates.Named("team-102-0"), "cid-1"); // another user's id is its own
        var marker = await alice.PushAsync(_doc, TestUpdates.Named("team-102-1"), "cid-2");
        await bob.WaitForUpdateAsync(_doc, marker.Sequence);
        var state = await bob.OpenAsync(_doc);

        Assert.Equal(first, retry);
        Assert.Equal(2, bobsOwn.Sequence);
        Assert.Equal([1L, 2, 3], state.Updates.Select(u => u.Sequence));
        Assert.Equal(TestUpdates.Named("team-101-0"), state.Updates[0].Update);
        Assert.Equal([1L, 3], bob.Updates.Snapshot().Select(u => u.Update.Sequence)); // the retry was not relayed
    }

    [Fact]
    public async Task AnInvalidOrOversizedUpdateIsRefusedWithInvalidUpdateAndTheConnectionStaysOpen()
    {
        var alice = await OpenedAsync("alice");
        var refusals = YjsFixtures.Refusals.Take(3).Select(r => r.Bytes).Append([0xFF, 0x00]).Append([]);

        foreach (var bytes in refusals.Append(new byte[DocumentLimits.DefaultMaxUpdateBytes + 1]))
        {
            await AssertRefusedAsync(DocumentErrors.InvalidUpdate, () => alice.PushAsync(_doc, bytes));
        }

        await AssertRefusedAsync(DocumentErrors.InvalidUpdate, () => alice.SubmitSnapshotAsync(_doc, [1, 2, 3], 1));
        var ack = await alice.PushAsync(_doc, TestUpdates.TextOfLength(DocumentLimits.DefaultMaxUpdateBytes - 64)); // near the limit, as base64

        Assert.Equal(1, ack.Sequence);
        Assert.False(alice.Closed.IsCompleted);
    }

    [Fact]
    public async Task CallsOnADocumentNotOpenOrWronglyNamedAreRefused()
    {
        var alice = await ConnectAsync("alice");

        await AssertRefusedAsync(DocumentErrors.NotInDocument, () => alice.PushAsync(_doc, TestUpdates.Named("team-101-0")));
        await AssertRefusedAsync(DocumentErrors.NotInDocument, () => alice.PushAwarenessAsync(_doc, TestUpdates.Awareness((1, 1, "{}"))));
        await AssertRefusedAsync(DocumentErrors.NotInDocument, () => alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("empty-doc"), 1));
        await AssertRefusedAsync(DocumentErrors.InvalidDocument, () => alice.OpenAsync("no spaces allowed"));
        await AssertRefusedAsync(DocumentErrors.InvalidDocument, () => alice.OpenAsync(new string('d', 65)));
        await alice.OpenAsync(_doc);
        await AssertRefusedAsync(DocumentErrors.InvalidDocument, () => alice.PushAwarenessAsync("no spaces allowed", TestUpdates.Awareness((1, 1, "{}"))));
        await AssertRefusedAsync(DocumentErrors.InvalidDocument, () => alice.PushAwarenessAsync(null!, TestUpdates.Awareness((1, 1, "{}"))));
        await alice.CloseAsync(_doc);
        await alice.CloseAsync(_doc); // closing twice is harmless
        await AssertRefusedAsync(DocumentErrors.NotInDocument, () => alice.PushAsync(_doc, TestUpdates.Named("team-101-0")));
    }

    [Fact]
    public async Task ASnapshotReplacesTheLogOnlyWhenItContainsEveryUpdateItReplaces()
    {
        var alice = await OpenedAsync("alice");
        DocumentAck last = null!;
        foreach (var name in TestUpdates.TeamEdits)
        {
            last = await alice.PushAsync(_doc, TestUpdates.Named(name));
        }

        var missingOne = await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("team-snapshot-missing-one"), last.Sequence);
        var pastTheEnd = await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("team-snapshot"), last.Sequence + 1);
        var unchanged = await (await ConnectAsync("bob")).OpenAsync(_doc);
        var whole = await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("team-snapshot"), last.Sequence);
        var again = await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("team-snapshot"), last.Sequence);
        var after = await alice.PushAsync(_doc, TestUpdates.Named("text-one-client"));
        var carol = await ConnectAsync("carol");
        var compacted = await carol.OpenAsync(_doc);
        var behindTheSnapshot = await carol.OpenAsync(_doc, last.Epoch, 3);
        var tail = await carol.OpenAsync(_doc, last.Epoch, last.Sequence);

        Assert.False(missingOne);
        Assert.False(pastTheEnd);
        Assert.Equal(7, unchanged.Updates.Length);
        Assert.True(whole);
        Assert.False(again); // nothing left after the snapshot up to that sequence
        Assert.Equal(TestUpdates.Named("team-snapshot"), compacted.Snapshot);
        Assert.Equal(7, compacted.SnapshotSequence);
        Assert.Equal([after.Sequence], compacted.Updates.Select(u => u.Sequence));
        Assert.Equal(8, compacted.LastSequence);
        Assert.Equal(TestUpdates.Named("team-snapshot"), behindTheSnapshot.Snapshot); // 3 is behind the snapshot: the whole state
        Assert.Null(tail.Snapshot);
        Assert.Equal([8L], tail.Updates.Select(u => u.Sequence));
    }

    [Fact]
    public async Task ASnapshotMissingADeletionIsRefused()
    {
        var alice = await OpenedAsync("alice");
        await alice.PushAsync(_doc, TestUpdates.Named("text-insert"));
        await alice.PushAsync(_doc, TestUpdates.Named("text-delete"));

        Assert.False(await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("text-before-delete"), 2));
        Assert.True(await alice.SubmitSnapshotAsync(_doc, TestUpdates.Named("text-after-delete"), 2));
    }

    [Fact]
    public async Task OneWriterIsAskedForASnapshotOnceTheLogPassesCompactAfterAndNotAgainForEveryPush()
    {
        const int compactAfter = 500; // Docs:CompactAfter's default, which every fixture runs with
        var writers = new List<DocumentProbe>();
        for (var i = 0; i < 10; i++)
        {
            writers.Add(await OpenedAsync($"writer{i}"));
        }

        var reader = await OpenedAsync("reader");
        var empty = TestUpdates.Named("empty-doc");
        await Task.WhenAll(writers.Select(async writer =>
        {
            for (var push = 0; push < (compactAfter / writers.Count) + 3; push++)
            {
                await writer.PushAsync(_doc, empty);
            }
        }));

        var asked = await Task.WhenAny(writers.Select(w => w.SnapshotRequests.WaitForCountAsync(1, "a snapshot request")));
        var request = Assert.Single(await asked);
        var last = await writers[0].PushAsync(_doc, empty);
        await reader.WaitForUpdateAsync(_doc, last.Sequence);

        Assert.Equal(_doc, request.DocId);
        Assert.InRange(request.UpToSequence, compactAfter + 1, last.Sequence);
        Assert.Equal(1, writers.Sum(w => w.SnapshotRequests.Snapshot().Count));
        Assert.Empty(reader.SnapshotRequests.Snapshot());
    }

    private async Task<DocumentProbe> ConnectAsync(string user, bool exactId = false, string? token = null) =>
        Own(await DocumentProbe.ConnectAsync(NextNode(), UserId(user, exactId), token, Protocol));

    private async Task<DocumentProbe> OpenedAsync(string user)
    {
        var probe = await ConnectAsync(user);
        await probe.OpenAsync(_doc);
        return probe;
    }

    private RealtimeHubApiClient Api() => NextNode().CreateApiClient();

    private static async Task<HubException> AssertRefusedAsync(string prefix, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.StartsWith(prefix + ":", error.Message, StringComparison.Ordinal);
        return error;
    }
}
