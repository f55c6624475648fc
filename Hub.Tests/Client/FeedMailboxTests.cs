using RealtimeHub.Client.Live.Internal;
using RealtimeHub.Tests.Infrastructure;
using static RealtimeHub.Tests.Client.FeedBatches;

namespace RealtimeHub.Tests.Client;

public sealed class FeedMailboxTests
{
    private readonly FeedMailbox _mailbox = new(Feed);

    [Fact]
    public async Task AConsumerThatDoesNotReadGetsEachKeysNewestValueInOneItem()
    {
        _mailbox.Add(Snapshot(("A", 1), ("B", 1)));
        await TakeAsync();
        _mailbox.Add(Changes(("A", 2)));
        _mailbox.Add(Changes(("A", 4), ("C", 1)));
        _mailbox.Add(Changes(("B", 2)));

        Assert.Equal("A4 C1 B2", await TakeAsync());
    }

    [Fact]
    public async Task UpdatesAfterAPendingSnapshotMergeIntoIt()
    {
        _mailbox.Add(Snapshot(("A", 1), ("B", 1)));
        _mailbox.Add(Changes(("A", 3), ("C", 1)));

        Assert.Equal("S A3 B1 C1", await TakeAsync());
    }

    [Fact]
    public async Task ASnapshotReplacesTheUpdatesStillPending()
    {
        _mailbox.Add(Snapshot(("A", 1), ("B", 1)));
        await TakeAsync();
        _mailbox.Add(Changes(("B", 2)));
        _mailbox.Add(Snapshot(("A", 2), ("C", 1)));

        Assert.Equal("S A2 C1", await TakeAsync());
    }

    [Fact]
    public async Task AKeyRemovedWhileASnapshotIsPendingIsLeftOutOfIt()
    {
        _mailbox.Add(Snapshot(("A", 1), ("B", 1)));
        _mailbox.Add(Removal("B", 2));

        Assert.Equal("S A1", await TakeAsync());
        _mailbox.Add(Removal("B", 2)); // the removal's version counts: it is not handed over after all
        _mailbox.Add(Changes(("B", 3)));
        Assert.Equal("B3", await TakeAsync());
    }

    [Fact]
    public async Task ARemovalIsHandedOverOutsideASnapshot()
    {
        _mailbox.Add(Snapshot(("A", 1)));
        await TakeAsync();
        _mailbox.Add(Removal("A", 2));

        Assert.Equal("-A2", await TakeAsync());
    }

    [Fact]
    public async Task AVersionTheConsumerHasOrAnOlderOneIsNeverHandedOverAgain()
    {
        _mailbox.Add(Snapshot(("A", 5), ("B", 1)));
        await TakeAsync();
        _mailbox.Add(Changes(("A", 5), ("B", 1)));
        _mailbox.Add(Changes(("A", 4)));
        _mailbox.Complete(null);

        Assert.Null(await _mailbox.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ASnapshotIsHandedOverWholeEvenWithVersionsTheConsumerHas()
    {
        _mailbox.Add(Snapshot(("A", 5), ("B", 1)));
        await TakeAsync();
        _mailbox.Add(Snapshot(("A", 5), ("B", 2)));

        Assert.Equal("S A5 B2", await TakeAsync());
    }

    [Fact]
    public async Task AfterASnapshotWithLowerVersionsTheFeedIsFollowedFromThem()
    {
        _mailbox.Add(Snapshot(("A", 5)));
        await TakeAsync();
        _mailbox.Add(Snapshot(("A", 1))); // the hub lost the feed: versions started again
        Assert.Equal("S A1", await TakeAsync());

        _mailbox.Add(Changes(("A", 2)));
        Assert.Equal("A2", await TakeAsync());
    }

    [Fact]
    public async Task AnEmptySnapshotIsHandedOver()
    {
        _mailbox.Add(Snapshot());

        Assert.Equal("S", await TakeAsync());
    }

    [Fact]
    public async Task TheErrorComesAfterWhatIsPending()
    {
        _mailbox.Add(Snapshot(("A", 1)));
        _mailbox.Complete(new InvalidOperationException("gone"));

        Assert.Equal("S A1", await TakeAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _mailbox.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ATakeWaitsForTheNextArrival()
    {
        var take = _mailbox.TakeAsync(CancellationToken.None);
        Assert.False(take.IsCompleted);

        _mailbox.Add(Snapshot(("A", 1)));

        Assert.Equal("S A1", Describe((await take.WaitAsync(TestTimeouts.Event))!));
    }

    private async Task<string> TakeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        var batch = await _mailbox.TakeAsync(timeout.Token);
        Assert.NotNull(batch);
        Assert.Equal(Feed, batch.Feed);
        return Describe(batch);
    }
}
