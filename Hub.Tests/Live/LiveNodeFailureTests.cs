using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>A node dying under live feeds: the other nodes' watchers keep getting what is published through the survivors.</summary>
public sealed class LiveNodeFailureTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task WhenANodeDiesTheOtherNodesWatchersKeepGettingUpdatesPublishedThroughTheSurvivor()
    {
        var feed = Unique.Name("feed");
        var nodes = await FaultTestNodes.StartAsync(2, redis.Configuration, RedisServerFixture.NewPrefix("live-crash"));
        try
        {
            await using var onSurvivor = await LiveConnection.ConnectAsync(nodes[1], Unique.Name("ann"));
            await using var onDoomed = await LiveConnection.ConnectAsync(nodes[0], Unique.Name("bob"));
            var (watch, _) = await onSurvivor.WatchAsync(feed, ["K"], maxPerSecond: 20);
            await onDoomed.WatchAsync(feed, ["K"], maxPerSecond: 20); // the dying node listens to the feed too
            using (var doomedApi = new FeedApi(nodes[0]))
            {
                await doomedApi.PublishAsync(feed, ("K", "before"));
            }

            await watch.WaitForVersionAsync("K", 1);
            await nodes[0].CrashAsync();
            using var survivorApi = new FeedApi(nodes[1]);
            for (var i = 2; i <= 4; i++)
            {
                await survivorApi.PublishAsync(feed, ("K", $"after {i}"));
                Assert.Equal($"\"after {i}\"", System.Text.Json.JsonSerializer.Serialize((await watch.WaitForVersionAsync("K", i)).Value));
            }
            await using var movedOver = await LiveConnection.ConnectAsync(nodes[1], Unique.Name("bob")); // the dead node's watcher, back through the survivor
            var (_, snapshot) = await movedOver.WatchAsync(feed, ["K"]);
            Assert.Equal(4, Assert.Single(snapshot.Updates).Version);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.StopAsync();
            }
        }
    }
}
