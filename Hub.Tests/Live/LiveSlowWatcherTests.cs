using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Live.Internal;
using RealtimeHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RealtimeHub.Tests.Live;

/// <summary>
/// A watcher that stops reading its socket (a phone on a dead network, a frozen tab) under a heavy feed: the server
/// stops pulling its watch once the socket pushes back, keeps only its cursor, and everyone else's batches keep coming.
/// </summary>
public sealed class LiveSlowWatcherTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Keys = 100;
    private static readonly string Payload = new('x', 4000); // 100 keys × 4 KB: 400 KB a round

    private HubNode _node = null!;

    public async Task InitializeAsync() => _node = await HubNode.StartAsync();

    public Task DisposeAsync() => _node.StopAsync();

    [Fact]
    public async Task AWatcherThatStopsReadingHoldsOnlyItsCursorNeverSlowsTheOthersAndThenGetsTheNewestValues()
    {
        var feed = Unique.Name("ticks");
        string[] keys = [.. Enumerable.Range(0, Keys).Select(i => $"k{i:D3}")];
        await using var paused = await RawHubSocket.ConnectAsync(_node, Unique.Name("paused"), hubPath: HubRoutes.Live, socketReceiveBuffer: 4096);
        await paused.SendTextAsync($$"""{"type":4,"invocationId":"w","target":"Watch","arguments":["{{feed}}",{{JsonSerializer.Serialize(keys)}},50]}""" + RawHubSocket.RecordSeparator);
        var registry = _node.Services.GetRequiredService<WatchRegistry>();
        await Poll.UntilAsync(() => Task.FromResult(registry.Of(feed).Any(w => w.Items > 0)), "the paused watcher's snapshot");
        var pausedWatch = registry.Of(feed).Single();
        await using var reader = await LiveConnection.ConnectAsync(_node, Unique.Name("reader"));
        var (watch, _) = await reader.WatchAsync(feed, keys, maxPerSecond: 50);
        using var api = new FeedApi(_node);

        var (rounds, worst) = await PublishUntilStalledAsync(feed, keys, api, watch, pausedWatch);

        output.WriteLine($"{rounds} rounds of 400 KB; the paused watch was pulled {pausedWatch.Items} times; the reading watcher's worst round: {worst.TotalMilliseconds:F0} ms");
        Assert.True(worst < TimeSpan.FromSeconds(2), $"the reading watcher waited {worst.TotalMilliseconds:F0} ms for a round");
        Assert.True(pausedWatch.TrackedKeys <= Keys, $"the paused watch tracks {pausedWatch.TrackedKeys} keys for {Keys} watched");
        var pulledWhilePaused = pausedWatch.Items;
        var (items, versions) = await ReadUntilNewestAsync(paused, keys, rounds);
        Assert.All(keys, key => Assert.Equal(rounds, versions[key]));
        // What it reads is what was already on the wire when it paused, then one batch of the newest values: no backlog.
        Assert.True(items <= pulledWhilePaused + 2, $"{items} items read after {pulledWhilePaused} were pulled while paused: something was queued beside the watch");
        Assert.True(items < rounds, $"{items} items for {rounds} publishes: nothing was conflated");
    }

    /// <summary>Publishes rounds of every key until the paused watch has not been pulled for ten rounds in a row.</summary>
    private static async Task<(int Rounds, TimeSpan Worst)> PublishUntilStalledAsync(string feed, string[] keys, FeedApi api, LiveWatch watch, FeedWatch pausedWatch)
    {
        var worst = TimeSpan.Zero;
        var stalledRounds = 0;
        var round = 0;
        while (stalledRounds < 10)
        {
            Assert.True(++round <= 400, "the paused watcher was still being read after 400 rounds: nothing pushed back");
            var pulled = pausedWatch.Items;
            var started = Stopwatch.GetTimestamp();
            await api.PublishAsync(feed, [.. keys.Select(k => (k, (object?)$"{round}:{Payload}"))]);
            await watch.WaitForVersionAsync(keys[^1], round);
            worst = Stopwatch.GetElapsedTime(started) is var took && took > worst ? took : worst;
            stalledRounds = pausedWatch.Items == pulled ? stalledRounds + 1 : 0;
        }

        return (round, worst);
    }

    /// <summary>Reads the paused socket again until it holds every key's last version; returns the items read and the versions.</summary>
    private static async Task<(int Items, Dictionary<string, long> Versions)> ReadUntilNewestAsync(RawHubSocket socket, string[] keys, long last)
    {
        var versions = keys.ToDictionary(k => k, _ => 0L);
        var items = 0;
        while (versions.Values.Any(v => v < last))
        {
            var record = await socket.ReceiveRecordAsync() ?? throw new InvalidOperationException("the server closed the paused watcher's connection");
            using var message = JsonDocument.Parse(record);
            if (message.RootElement.GetProperty("type").GetInt32() != 2)
            {
                continue;
            }

            items++;
            foreach (var update in message.RootElement.GetProperty("item").GetProperty("updates").EnumerateArray())
            {
                versions[update.GetProperty("key").GetString()!] = update.GetProperty("version").GetInt64();
            }
        }

        return (items, versions);
    }
}
