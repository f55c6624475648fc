using System.Net;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>
/// Redis forgetting the feeds under running watches on two nodes: restarted without persistence (the nodes lose their
/// link meanwhile) or flushed (they do not). Versions start again at 1, and every running watch gets a new snapshot
/// before anything of the new versions. Each test has its own Redis without persistence.
/// </summary>
public sealed class LiveRedisLossTests : PrivateRedisTest
{
    private readonly string _feed = Unique.Name("feed");

    [Theory]
    [InlineData("restart")]
    [InlineData("flushall")]
    public async Task WhenRedisLosesTheFeedVersionsStartAgainAtOneAndEveryRunningWatchGetsANewSnapshotFirst(string loss)
    {
        var nodes = await FaultTestNodes.StartAsync(2, Redis.Configuration, RedisServerFixture.NewPrefix("live-loss"));
        Owned.AddRange(nodes);
        using var api = new FeedApi(nodes[0]);
        await api.PublishAsync(_feed, ("K", "old 1"), ("L", "old"));
        await api.PublishAsync(_feed, ("K", "old 2"));
        var watches = new List<LiveWatch>();
        foreach (var node in nodes)
        {
            var connection = await LiveConnection.ConnectAsync(node, Unique.Name("ann"));
            Owned.Add(connection);
            watches.Add((await connection.WatchAsync(_feed, ["K", "L"], maxPerSecond: 20)).Watch);
        }

        var before = watches.Select(w => w.Items.Snapshot().Count).ToArray();
        await LoseEverythingAsync(loss, nodes);
        using var survivor = new FeedApi(nodes[1]);
        await PublishOrRetryAsync(survivor, _feed, ("K", "new"));

        for (var i = 0; i < watches.Count; i++)
        {
            var watch = watches[i];
            await watch.Items.WaitUntilAsync(_ => Holds(watch, "K", 1, "\"new\""), "the new epoch's first value");
            var afterLoss = watch.Items.Snapshot().Skip(before[i]).ToList();
            Assert.True(afterLoss[0].Snapshot, $"the first item after the loss was {afterLoss[0]}");
            Assert.DoesNotContain(afterLoss[0].Updates, u => u.Key == "L"); // L went with the old versions
            Assert.Equal(["K"], watch.Latest().Keys);
            Assert.False(watch.Ended.IsCompleted); // the watch lived through it
        }

        Assert.Equal([("K", 1L)], (await api.GetAsync(_feed)).Select(u => (u.Key, u.Version)));
    }

    [Fact]
    public async Task AWatchThatCannotReadItsSnapshotEndsWithUnavailableAndTheRunningOnesLive()
    {
        var nodes = await FaultTestNodes.StartAsync(1, Redis.Configuration, RedisServerFixture.NewPrefix("live-down"));
        Owned.AddRange(nodes);
        var connection = await LiveConnection.ConnectAsync(nodes[0], Unique.Name("ann"));
        Owned.Add(connection);
        using var api = new FeedApi(nodes[0]);
        await api.PublishAsync(_feed, ("K", 1));
        var (running, _) = await connection.WatchAsync(_feed, ["K"]);

        await Redis.StopAsync();
        await WaitForReadinessAsync(nodes[0], HttpStatusCode.ServiceUnavailable);
        var refused = connection.Watch(Unique.Name("other"));

        var error = await refused.WaitForEndAsync();
        Assert.IsType<HubException>(error);
        Assert.StartsWith(LiveErrors.Unavailable, error.Message, StringComparison.Ordinal);
        using (var http = nodes[0].CreateApiHttpClient())
        {
            using var response = await http.PostAsync($"api/v1/feeds/{_feed}/updates", new StringContent("""{"updates":[{"key":"K","value":2}]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        await Redis.StartAsync();
        await WaitForReadinessAsync(nodes[0], HttpStatusCode.OK);
        await PublishOrRetryAsync(api, _feed, ("K", "back"));
        await running.WaitForVersionAsync("K", 1, TestTimeouts.Reconnect);
        Assert.False(running.Ended.IsCompleted);
    }

    private static bool Holds(LiveWatch watch, string key, long version, string json) =>
        watch.Latest().TryGetValue(key, out var update) && update.Version == version && System.Text.Json.JsonSerializer.Serialize(update.Value) == json;

    private async Task LoseEverythingAsync(string loss, HubNode[] nodes)
    {
        if (loss == "restart")
        {
            await Redis.StopAsync();
            await WaitForReadinessAsync(nodes[0], HttpStatusCode.ServiceUnavailable);
            await Redis.StartAsync(); // no persistence: it comes back empty
        }
        else
        {
            await using var redis = await RedisTestConnections.ConnectAsync(Redis.Configuration);
            await redis.RunAsync("FLUSHALL");
        }

        foreach (var node in nodes)
        {
            await WaitForReadinessAsync(node, HttpStatusCode.OK);
        }
    }

    /// <summary>Publishes as a service would after a 503: again, once the node answers.</summary>
    private static async Task PublishOrRetryAsync(FeedApi api, string feed, params (string Key, object? Value)[] entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await api.PublishAsync(feed, entries);
                return;
            }
            catch (Xunit.Sdk.TrueException) when (attempt < 10)
            {
                await WaitForReadinessAsync(api.Node, HttpStatusCode.OK);
            }
        }
    }

    private static Task WaitForReadinessAsync(HubNode node, HttpStatusCode expected) =>
        Poll.UntilAsync(async () =>
        {
            using var client = node.CreateHttpClient();
            return (await client.GetAsync("readyz")).StatusCode == expected;
        }, $"/readyz to answer {(int)expected}", TestTimeouts.Reconnect);
}
