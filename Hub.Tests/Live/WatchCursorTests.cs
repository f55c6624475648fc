using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Live;
using RealtimeHub.Server.Live.Internal;

namespace RealtimeHub.Tests.Live;

/// <summary>
/// The cursor and the table it reads, without a hub: conflation, per-key rates and snapshots, on a fake clock. A tick is
/// a call to <see cref="WatchCursor.Next"/> at the clock's time, as a watch makes one per tick of the node's ticker.
/// </summary>
public sealed class WatchCursorTests
{
    private const string Epoch = "0001";
    private readonly FakeTimeProvider _time = new();
    private readonly FeedTable _table = new("feed");
    private long _version;

    [Fact]
    public void TheSnapshotHoldsEveryWatchedKeyThatHasAValueAndLeavesRemovedOnesOut()
    {
        Publish(("A", "1"), ("B", "2"), ("C", "3"));
        Publish(("C", null));
        var cursor = Cursor(["A", "C", "D"], maxPerSecond: 10);

        var snapshot = cursor.Next(_table, Now())!;

        Assert.True(snapshot.Snapshot);
        Assert.Equal(["A@1=1"], Describe(snapshot));
        Assert.Null(cursor.Next(_table, Tick()));
    }

    [Fact]
    public void AValueTheStoreHoldsThatIsNotOneJsonValueIsPassedOnAsItsTextAndNeverBreaksTheBatch()
    {
        Publish(("A", "not json"), ("B", ""), ("C", "{\"a\":1} 2"), ("D", "{\"a\":[1,2.5],\"b\":\"x\"}"));

        var snapshot = Cursor(keys: null, maxPerSecond: 10).Next(_table, Now())!;

        Assert.Equal(["A@1=\"not json\"", "B@1=\"\"", "C@1=\"{\\u0022a\\u0022:1} 2\"", "D@1={\"a\":[1,2.5],\"b\":\"x\"}"], Describe(snapshot));
    }

    [Fact]
    public void EverythingPublishedBetweenTwoTicksArrivesOnceAsEachKeysNewestVersion()
    {
        var cursor = Started(keys: null, maxPerSecond: 10);
        for (var i = 1; i <= 50; i++)
        {
            Publish(("A", $"{i}"), ("B", $"{-i}"));
        }

        var batch = cursor.Next(_table, Tick())!;

        Assert.False(batch.Snapshot);
        Assert.Equal(["A@50=50", "B@50=-50"], Describe(batch).Order());
        Assert.Null(cursor.Next(_table, Tick()));
    }

    [Fact]
    public void AKeyHeldBackByItsRateIsDeliveredAtTheFirstTickAfterItsIntervalPasses()
    {
        Publish(("K", "1"));
        var cursor = Started(["K"], maxPerSecond: 2); // delivered at 0 ms in the snapshot
        var deliveredAt = new List<double>();

        for (var step = 1; step <= 12; step++) // a tick every 100 ms, a new value before each
        {
            Publish(("K", $"{step + 1}"));
            if (cursor.Next(_table, Tick()) is { } batch)
            {
                Assert.Equal(_version, Assert.Single(batch.Updates).Version); // the newest, never an older one
                deliveredAt.Add(_time.GetElapsedTime(_start).TotalMilliseconds);
            }
        }

        Assert.Equal([500d, 1000d], deliveredAt);
        Assert.True(cursor.HasHeld);
        _time.Advance(TimeSpan.FromMilliseconds(300)); // publishing stopped: the held value goes out once its interval passed
        Assert.Equal(_version, Assert.Single(cursor.Next(_table, Now())!.Updates).Version);
        Assert.False(cursor.HasHeld);
    }

    [Fact]
    public void NoKeyIsDueBeforeTheQuietTimeSoAWatchCanSleepUntilThen()
    {
        Publish(("A", "1"), ("B", "1"));
        var cursor = Started(["A", "B"], maxPerSecond: 2); // both delivered at 0 ms
        Assert.Equal(_start + _time.TimestampFrequency / 2, cursor.QuietUntil);

        for (var step = 1; step <= 4; step++) // 100 … 400 ms: changed, but held, as the quiet time said
        {
            Publish(("A", $"{step + 1}"));
            Assert.Null(cursor.Next(_table, Tick()));
            Assert.True(Now() < cursor.QuietUntil);
        }

        Assert.NotNull(cursor.Next(_table, Tick())); // 500 ms: A goes out; B never changed, so B may go at once
        Assert.Equal(long.MinValue, Started(["A", "Z"], maxPerSecond: 2).QuietUntil); // Z has no value: due whenever it gets one
        Assert.Equal(long.MinValue, Started(keys: null, maxPerSecond: 2).QuietUntil); // every key: new ones appear any time
    }

    [Fact]
    public void AWatchThatIsNotReadKeepsOnlyItsCursorAndThenGetsTheNewestValues()
    {
        string[] keys = [.. Enumerable.Range(0, 10).Select(i => $"k{i}")];
        var cursor = Started(keys, maxPerSecond: 50);
        for (var round = 1; round <= 1_000; round++)
        {
            Publish([.. keys.Select(k => (k, (string?)$"{round}"))]);
        }

        var batch = cursor.Next(_table, Tick())!;

        Assert.Equal(keys.Length, batch.Updates.Length);
        Assert.All(batch.Updates, u => Assert.Equal(JsonSerializer.SerializeToElement(1_000L).GetRawText(), JsonSerializer.Serialize(u.Value)));
        Assert.True(cursor.TrackedKeys <= keys.Length);
        Assert.Equal(keys.Length, _table.Entries.Count); // the values live once, in the node's table
    }

    [Fact]
    public void ARemovalIsDeliveredAsNullAndVersionsContinueAfterIt()
    {
        Publish(("K", "1"));
        var cursor = Started(["K"], maxPerSecond: 50);

        Publish(("K", null));
        var removal = Assert.Single(cursor.Next(_table, Tick())!.Updates);
        Publish(("K", "3"));
        var after = Assert.Single(cursor.Next(_table, Tick())!.Updates);

        Assert.Equal((2L, (object?)null), (removal.Version, removal.Value));
        Assert.Equal(3, after.Version);
    }

    [Fact]
    public void ANewEpochMakesTheNextItemASnapshotOfTheNewValuesOnly()
    {
        Publish(("A", "1"), ("B", "1"));
        var cursor = Started(keys: null, maxPerSecond: 50);

        var lost = _table.ApplyPublication(new FeedSlice("0002", [new FeedValue("B", "9", 1, DateTime.UnixEpoch)]));
        var item = cursor.Next(_table, Tick())!;

        Assert.True(lost);
        Assert.True(item.Snapshot);
        Assert.Equal(["B@1=9"], Describe(item));
    }

    [Fact]
    public void PublicationsAndReadsMergeByVersionWhateverTheirOrder()
    {
        var cursor = Started(["K"], maxPerSecond: 50);
        Publish(("K", "1"), ("K2", "1"));
        Publish(("K", "2"));

        _table.ApplyFullRead(new FeedSlice(Epoch, [new FeedValue("K", "1", 1, DateTime.UnixEpoch)]), Epoch); // older than the table
        Assert.False(_table.ApplyPartialRead(new FeedSlice("0000", []))); // another epoch: only a full read can tell
        _table.ApplyFullRead(FeedSlice.Empty, epochAtStart: "0000"); // a publication moved the epoch during this read: ignored

        Assert.Equal(["K@2=2"], Describe(cursor.Next(_table, Tick())!));
        _table.ApplyFullRead(FeedSlice.Empty, epochAtStart: Epoch); // the store lost the feed and nobody published since
        var emptied = cursor.Next(_table, Tick())!;
        Assert.True(emptied.Snapshot);
        Assert.Empty(emptied.Updates);
    }

    private long _start;

    private WatchCursor Started(string[]? keys, double maxPerSecond)
    {
        var cursor = Cursor(keys, maxPerSecond);
        _start = Now();
        Assert.True(cursor.Next(_table, _start)!.Snapshot);
        return cursor;
    }

    private WatchCursor Cursor(string[]? keys, double maxPerSecond) => new("feed", keys, (long)(_time.TimestampFrequency / maxPerSecond));

    private long Now() => _time.GetTimestamp();

    private long Tick()
    {
        _time.Advance(TimeSpan.FromMilliseconds(100));
        return Now();
    }

    /// <summary>One publish as the store would apply it: each key's version one more than its last.</summary>
    private void Publish(params (string Key, string? Json)[] entries)
    {
        var values = entries.Select(e => new FeedValue(e.Key, e.Json, (_table.Entries.GetValueOrDefault(e.Key)?.Version ?? 0) + 1, DateTime.UnixEpoch)).ToList();
        _version = values[^1].Version;
        _table.ApplyPublication(new FeedSlice(Epoch, values));
    }

    private static string[] Describe(FeedBatch batch) =>
        [.. batch.Updates.Select(u => $"{u.Key}@{u.Version}={JsonSerializer.Serialize(u.Value)}")];
}
