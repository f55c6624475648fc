using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Documents;

namespace RealtimeHub.Tests.Documents;

/// <summary>Awareness (carets, selections, names): relayed, given to newcomers, removed when its connection goes.</summary>
public abstract partial class DocumentBehaviourTests<TCluster>
{
    [Fact]
    public async Task AwarenessIsRelayedToTheOthersAndGivenToNewcomersButNeverStoredInTheLog()
    {
        var (alice, bob) = (await OpenedAsync("alice"), await OpenedAsync("bob"));
        var alicesCaret = TestUpdates.Awareness((1001, 1, """{"user":{"name":"alice"},"cursor":{"anchor":3}}"""));

        await alice.PushAwarenessAsync(_doc, alicesCaret);
        var relayed = await bob.Awareness.WaitForCountAsync(1, "alice's caret");
        await bob.PushAwarenessAsync(_doc, TestUpdates.Awareness((2002, 5, """{"user":{"name":"bob"}}""")));
        await alice.Awareness.WaitForCountAsync(1, "bob's caret");
        var carol = await ConnectAsync("carol");
        var state = await carol.OpenAsync(_doc);

        Assert.Equal(_doc, relayed[0].DocId);
        Assert.Equal(alicesCaret, relayed[0].Update);
        Assert.Equal(
            [(1001UL, 1UL, """{"user":{"name":"alice"},"cursor":{"anchor":3}}"""), (2002UL, 5UL, """{"user":{"name":"bob"}}""")],
            Entries(state.Awareness).OrderBy(e => e.ClientId));
        Assert.Empty(state.Updates);
        Assert.Single(alice.Awareness.Snapshot()); // only bob's: her own is not echoed
    }

    [Fact]
    public async Task ClosingTheDocumentOrDisconnectingRemovesThatConnectionsAwarenessForTheOthers()
    {
        var (alice, bob, dave) = (await OpenedAsync("alice"), await OpenedAsync("bob"), await OpenedAsync("dave"));
        await alice.PushAwarenessAsync(_doc, TestUpdates.Awareness((1001, 3, """{"name":"alice"}""")));
        await dave.PushAwarenessAsync(_doc, TestUpdates.Awareness((4004, 7, """{"name":"dave"}"""), (4005, 1, """{"name":"dave's second tab"}""")));
        await bob.Awareness.WaitForCountAsync(2, "alice's and dave's states");

        await alice.CloseAsync(_doc);
        await dave.DisposeAsync();
        var removals = (await bob.Awareness.WaitForCountAsync(4, "their removals")).Skip(2).SelectMany(a => Entries(a.Update)).ToList();
        var carol = await ConnectAsync("carol");
        var state = await carol.OpenAsync(_doc);

        Assert.Equal([(1001UL, 4UL, "null"), (4004UL, 8UL, "null"), (4005UL, 2UL, "null")], removals.OrderBy(e => e.ClientId));
        Assert.Null(state.Awareness);
    }

    [Fact]
    public async Task AnAwarenessUpdateThatIsNotOneIsRefusedAndAnotherUsersClientIdIsNotTakenOver()
    {
        var (alice, bob) = (await OpenedAsync("alice"), await OpenedAsync("bob"));
        await alice.PushAwarenessAsync(_doc, TestUpdates.Awareness((1001, 1, """{"name":"alice"}""")));
        await bob.Awareness.WaitForCountAsync(1, "alice's state");

        await AssertRefusedAsync(DocumentErrors.InvalidUpdate, () => bob.PushAwarenessAsync(_doc, TestUpdates.Awareness((2002, 1, "{not json"))));
        await AssertRefusedAsync(DocumentErrors.InvalidUpdate, () => bob.PushAwarenessAsync(_doc, [1, 2]));
        await AssertRefusedAsync(DocumentErrors.InvalidUpdate, () => bob.PushAwarenessAsync(
            _doc, TestUpdates.Awareness([.. Enumerable.Range(0, 9).Select(i => ((ulong)(3000 + i), 1UL, (string?)"{}"))])));
        await bob.PushAwarenessAsync(_doc, TestUpdates.Awareness((1001, 9, null), (2002, 1, """{"name":"bob"}""")));
        var relayed = await alice.Awareness.WaitForCountAsync(1, "bob's state");
        var state = await (await ConnectAsync("carol")).OpenAsync(_doc);

        Assert.Equal([(2002UL, 1UL, """{"name":"bob"}""")], Entries(relayed[0].Update)); // not the removal of alice's caret
        Assert.Contains((1001UL, 1UL, """{"name":"alice"}"""), Entries(state.Awareness));
        Assert.False(bob.Closed.IsCompleted);
    }

    private static List<(ulong ClientId, ulong Clock, string State)> Entries(byte[]? update)
    {
        Assert.NotNull(update);
        Assert.True(AwarenessUpdate.TryParse(update, out var entries, out var problem), problem);
        return [.. entries.Select(e => (e.ClientId, e.Clock, System.Text.Encoding.UTF8.GetString(e.State)))];
    }
}
