using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Client;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>
/// Every rule of live feeds (CONTRACT §9), written once and run against each cluster shape. Consecutive connections
/// land on consecutive nodes and each test publishes through the node after its first watcher's, so in a cluster
/// publisher and watchers sit on different nodes.
/// </summary>
public abstract partial class LiveBehaviourTests<TCluster>(TCluster cluster) : BehaviourSuite<TCluster>(cluster)
    where TCluster : IHubCluster
{
    private readonly string _feed = Unique.Name("feed");

    [Fact]
    public async Task TheFirstItemIsASnapshotWithTheNewestValueOfEveryRequestedKeyThatHasOne()
    {
        await Api(1).PublishAsync(_feed, ("A", new { n = 1 }), ("B", "b1"));
        await Api(0).PublishAsync(_feed, ("A", new { n = 2 }));
        var watcher = await ConnectAsync("ann");

        var (keyed, keyedSnapshot) = await watcher.WatchAsync(_feed, ["A", "C", "B"]);
        var (_, allSnapshot) = await watcher.WatchAsync(_feed);
        var (_, emptySnapshot) = await watcher.WatchAsync(Unique.Name("empty"));

        Assert.True(keyedSnapshot.Snapshot);
        Assert.Equal(["A@2={\"n\":2}", "B@1=\"b1\""], Describe(keyedSnapshot.Updates)); // C has no value: absent
        Assert.True(allSnapshot.Snapshot);
        Assert.Equal(["A@2={\"n\":2}", "B@1=\"b1\""], Describe(allSnapshot.Updates.OrderBy(u => u.Key, StringComparer.Ordinal)));
        Assert.True(emptySnapshot.Snapshot);
        Assert.Empty(emptySnapshot.Updates);
        Assert.Single(keyed.Items.Snapshot());
    }

    [Fact]
    public async Task ConflatedUpdatesArriveAsTheNewestValueWithVersionsShowingTheJumps()
    {
        var watcher = await ConnectAsync("ann");
        var (watch, _) = await watcher.WatchAsync(_feed, ["K"], maxPerSecond: 2);
        await Api(1).PublishAsync(_feed, ("K", 1));
        await watch.WaitForVersionAsync("K", 1);

        for (var i = 2; i <= 30; i++)
        {
            await Api(1).PublishAsync(_feed, ("K", i));
        }

        var last = await watch.WaitForVersionAsync("K", 30);
        var delivered = watch.History("K").Select(h => h.Update).ToList();
        Assert.Equal("30", Json(last.Value));
        Assert.True(delivered.Count < 30, $"every one of 30 updates was delivered: {string.Join(",", delivered.Select(u => u.Version))}");
        Assert.Equal(delivered.Select(u => u.Version).Order(), delivered.Select(u => u.Version)); // newest only, never older
        Assert.Contains(delivered.Zip(delivered.Skip(1)), pair => pair.Second.Version - pair.First.Version > 1);
        Assert.All(delivered, u => Assert.Equal(u.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Json(u.Value)));
    }

    [Fact]
    public async Task AKeyIsDeliveredNoSoonerThanOneOverMaxPerSecondAfterItsPreviousDelivery()
    {
        var watcher = await ConnectAsync("ann");
        var (watch, _) = await watcher.WatchAsync(_feed, ["K", "L"], maxPerSecond: 4);
        var api = Api(1);

        var started = Stopwatch.GetTimestamp();
        for (var i = 1; Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1.6); i++)
        {
            await api.PublishAsync(_feed, ("K", i), ("L", i));
        }

        var history = watch.History("K").Where(h => !h.Snapshot).Select(h => h.ReceivedAt).ToList();
        var gaps = history.Zip(history.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).ToList();
        Assert.True(history.Count >= 3, $"only {history.Count} deliveries of K in 1.6 s at 4 a second");
        Assert.True(history.Count <= 8, $"{history.Count} deliveries of K in 1.6 s at 4 a second");
        // 250 ms apart when written; arrival on loopback may bunch them a little, never to a batch interval.
        Assert.All(gaps, gap => Assert.True(gap >= 180, $"two deliveries of K {gap:F0} ms apart: {string.Join(", ", gaps.Select(g => g.ToString("F0")))}"));
    }

    [Fact]
    public async Task AWatchGetsAtMostOneBatchPerBatchIntervalEachKeyOnceWithItsNewestValue()
    {
        var watcher = await ConnectAsync("ann");
        string[] keys = ["A", "B", "C", "D"];
        var (watch, _) = await watcher.WatchAsync(_feed, keys, maxPerSecond: 50);
        var api = Api(1);

        var started = Stopwatch.GetTimestamp();
        var round = 0;
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1.2))
        {
            round++;
            await api.PublishAsync(_feed, [.. keys.Select(k => (k, (object?)round))]);
        }

        await watch.WaitForVersionAsync("D", round);
        var batches = watch.Items.Snapshot().Skip(1).ToList();
        var gaps = batches.Zip(batches.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a.ReceivedAt, b.ReceivedAt).TotalMilliseconds).ToList();
        Assert.All(batches, b => Assert.Equal(b.Updates.Count, b.Updates.Select(u => u.Key).Distinct().Count()));
        Assert.True(batches.Count <= 16, $"{batches.Count} batches in about 1.2 s at one per 100 ms");
        Assert.True(round > batches.Count, $"{round} publishes came as {batches.Count} batches: nothing was conflated");
        Assert.True(gaps.Order().ElementAt(gaps.Count / 2) >= 80, $"batches came closer than the interval: {string.Join(", ", gaps.Select(g => g.ToString("F0")))}");
    }

    [Fact]
    public async Task OncePublishingStopsEveryWatcherHoldsEveryWatchedKeysNewestVersionWithinItsIntervalPlusOneBatch()
    {
        var slow = await ConnectAsync("slow");
        var fast = await ConnectAsync("fast");
        var (slowWatch, _) = await slow.WatchAsync(_feed, ["A", "B"], maxPerSecond: 1);
        var (fastWatch, _) = await fast.WatchAsync(_feed, null, maxPerSecond: 20);
        var api = Api(1);

        for (var i = 1; i <= 25; i++)
        {
            await api.PublishAsync(_feed, ("A", i), ("B", -i), ("C", new { i }));
        }

        var stopped = Stopwatch.GetTimestamp();
        var slowConverged = ConvergedAsync(slowWatch, stopped, "A", "B");
        var fastConverged = ConvergedAsync(fastWatch, stopped, "A", "B", "C");
        var slowTook = await slowConverged;
        var fastTook = await fastConverged;

        var stored = (await api.GetAsync(_feed)).ToDictionary(u => u.Key);
        Assert.Equal(Describe(stored.Values.Where(u => u.Key != "C")), Describe(slowWatch.Latest().Values.OrderBy(u => u.Key, StringComparer.Ordinal)));
        Assert.Equal(Describe(stored.Values), Describe(fastWatch.Latest().Values.OrderBy(u => u.Key, StringComparer.Ordinal)));
        // 1 s + 100 ms and 50 ms + 100 ms by the contract; the rest is this machine's slack for a loaded test run.
        Assert.True(slowTook < TimeSpan.FromMilliseconds(1100 + 600), $"the 1/s watcher converged {slowTook.TotalMilliseconds:F0} ms after the last publish");
        Assert.True(fastTook < TimeSpan.FromMilliseconds(150 + 600), $"the 20/s watcher converged {fastTook.TotalMilliseconds:F0} ms after the last publish");
    }

    [Fact]
    public async Task APublishOnAnyNodeReachesWatchersOnEveryNode()
    {
        var watches = new List<LiveWatch>();
        foreach (var _ in Cluster.Nodes)
        {
            watches.Add((await (await ConnectAsync("ann")).WatchAsync(_feed, ["K"])).Watch);
        }

        for (var n = 0; n < Cluster.Nodes.Count; n++)
        {
            await new FeedApi(Cluster.Nodes[n]).PublishAsync(_feed, ("K", $"from node {n}"));
            foreach (var watch in watches)
            {
                var update = await watch.WaitForVersionAsync("K", n + 1);
                Assert.Equal($"\"from node {n}\"", Json(update.Value));
            }
        }
    }

    [Fact]
    public async Task ASnapshotIsTheSameFromAnyNodeAndMatchesGet()
    {
        await Api(0).PublishAsync(_feed, ("A", 1.5), ("B", new object?[] { true, null, "x" }));
        await Api(1).PublishAsync(_feed, ("A", 2.25), ("C", new { deep = new { list = new[] { 1, 2 } } }));

        var snapshots = new List<string[]>();
        foreach (var _ in Cluster.Nodes)
        {
            var (_, snapshot) = await (await ConnectAsync("ann")).WatchAsync(_feed);
            snapshots.Add(Describe(snapshot.Updates.OrderBy(u => u.Key, StringComparer.Ordinal), withTime: true));
        }

        var expected = Describe(await Api(0).GetAsync(_feed), withTime: true);
        Assert.Equal(["A@2=2.25", "B@1=[true,null,\"x\"]", "C@1={\"deep\":{\"list\":[1,2]}}"], Describe(await Api(1).GetAsync(_feed)));
        Assert.All(snapshots, snapshot => Assert.Equal(expected, snapshot));
        Assert.Equal(expected, Describe(await Api(1).GetAsync(_feed), withTime: true));
    }

    [Fact]
    public async Task PublishingNullRemovesAKeyWhichLaterSnapshotsAndGetLeaveOut()
    {
        var watcher = await ConnectAsync("ann");
        var (watch, _) = await watcher.WatchAsync(_feed, ["K", "L"]);
        await Api(1).PublishAsync(_feed, ("K", 1), ("L", 1));
        await watch.WaitForVersionAsync("K", 1);

        await Api(1).PublishAsync(_feed, ("K", null));

        var removal = await watch.WaitForVersionAsync("K", 2);
        Assert.Null(removal.Value);
        Assert.Equal(["L@1=1"], Describe(await Api(0).GetAsync(_feed)));
        Assert.Empty(await Api(0).GetAsync(_feed, "K"));
        var (_, later) = await (await ConnectAsync("bob")).WatchAsync(_feed, ["K", "L"]);
        Assert.Equal(["L@1=1"], Describe(later.Updates));
    }

    [Fact]
    public async Task VersionsCountEveryUpdateOfAKeyARemovalIncludedAndContinueAfterIt()
    {
        var api = Api(0);
        await api.PublishAsync(_feed, ("K", "one"));
        await api.PublishAsync(_feed, ("K", null));
        await api.PublishAsync(_feed, ("K", "three"));

        Assert.Equal(["K@3=\"three\""], Describe(await Api(1).GetAsync(_feed, "K")));
        var (_, snapshot) = await (await ConnectAsync("ann")).WatchAsync(_feed, ["K"]);
        Assert.Equal(["K@3=\"three\""], Describe(snapshot.Updates));
    }

    [Fact]
    public async Task WithinOneRequestOnlyAKeysLastEntryIsApplied()
    {
        var watcher = await ConnectAsync("ann");
        var (watch, _) = await watcher.WatchAsync(_feed, ["A", "B"]);

        await Api(1).PublishAsync(_feed, ("A", 1), ("B", "b"), ("A", 2), ("A", 3));

        await watch.WaitForVersionAsync("A", 1);
        await watch.WaitForVersionAsync("B", 1);
        Assert.Equal(["A@1=3", "B@1=\"b\""], Describe(await Api(0).GetAsync(_feed, "A", "B")));
        Assert.Equal(["A@1=3"], Describe(watch.History("A").Select(h => h.Update)));
    }

    /// <summary>How long after <paramref name="since"/> the watch held version 25 of every one of <paramref name="keys"/>.</summary>
    private static async Task<TimeSpan> ConvergedAsync(LiveWatch watch, long since, params string[] keys)
    {
        foreach (var key in keys)
        {
            await watch.WaitForVersionAsync(key, 25);
        }

        return Stopwatch.GetElapsedTime(since);
    }

    private static string Json(object? value) => value is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(value);

    private static string[] Describe(IEnumerable<FeedUpdate> updates, bool withTime = false) =>
        [.. updates.Select(u => $"{u.Key}@{u.Version}={Json(u.Value)}" + (withTime ? $"@{u.PublishedAt.ToUniversalTime():O}" : string.Empty))];

    private FeedApi Api(int offset) => Own(new FeedApi(NodeAfterNext(offset)));

    private async Task<LiveConnection> ConnectAsync(string user, bool exactId = false, string? token = null) =>
        Own(await LiveConnection.ConnectAsync(NextNode(), UserId(user, exactId), token, Protocol));
}
