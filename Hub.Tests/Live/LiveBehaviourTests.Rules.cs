using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Live.Internal;
using RealtimeHub.Tests.Api;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>The suite's rules about bad input and limits: what a watch or a publish is refused with, and what a refusal leaves behind.</summary>
public abstract partial class LiveBehaviourTests<TCluster>
{
    private const int MaxWatches = 20; // Live:MaxWatchesPerConnection's default

    [Fact]
    public async Task InvalidFeedsKeysAndRatesEndTheWatchWithTheContractsErrors()
    {
        var watcher = await ConnectAsync("ann");
        string[] tooMany = [.. Enumerable.Range(0, 501).Select(i => $"k{i}")];

        await AssertRefusedAsync(watcher.Watch("bad feed!"), LiveErrors.InvalidFeed);
        await AssertRefusedAsync(watcher.Watch(new string('f', 65)), LiveErrors.InvalidFeed);
        await AssertRefusedAsync(watcher.Watch(_feed, []), LiveErrors.InvalidKey);
        await AssertRefusedAsync(watcher.Watch(_feed, tooMany), LiveErrors.InvalidKey);
        await AssertRefusedAsync(watcher.Watch(_feed, ["fine", "not fine"]), LiveErrors.InvalidKey);
        await AssertRefusedAsync(watcher.Watch(_feed, [new string('k', 65)]), LiveErrors.InvalidKey);
        foreach (var rate in new[] { 0, 0.09, 50.5, -1 })
        {
            await AssertRefusedAsync(watcher.Watch(_feed, null, rate), LiveErrors.InvalidRate);
        }

        // The limits themselves are fine: 500 keys of 64 characters (a frame over the chat hub's 32 KiB), 0.1 and 50 a second.
        string[] longest = [.. Enumerable.Range(0, 500).Select(i => $"{i:D3}:" + new string('k', 60))];
        Assert.True((await watcher.WatchAsync(_feed, longest, 0.1)).Snapshot.Snapshot);
        Assert.True((await watcher.WatchAsync(_feed, ["A-z_0.9:x"], 50)).Snapshot.Snapshot);
        Assert.Equal(HubConnectionState.Connected, watcher.Connection.State);
    }

    [Fact]
    public async Task AConnectionHoldsAtMostMaxWatchesAndARefusedWatchHoldsNone()
    {
        var watcher = await ConnectAsync("ann");
        for (var i = 1; i < MaxWatches; i++)
        {
            await watcher.WatchAsync($"{_feed}-{i}");
        }

        await AssertRefusedAsync(watcher.Watch(_feed, []), LiveErrors.InvalidKey); // refused: holds no slot
        await watcher.WatchAsync($"{_feed}-{MaxWatches}");

        await AssertRefusedAsync(watcher.Watch(_feed), LiveErrors.TooManyWatches);
        await AssertRefusedAsync(watcher.Watch(_feed), LiveErrors.TooManyWatches);
        var other = await ConnectAsync("ann"); // the limit is per connection
        Assert.True((await other.WatchAsync(_feed)).Snapshot.Snapshot);
    }

    [Fact]
    public async Task CancellingAWatchEndsItAndFreesItsSlot()
    {
        var watcher = await ConnectAsync("ann");
        var watches = new List<LiveWatch>();
        for (var i = 1; i <= MaxWatches; i++)
        {
            watches.Add((await watcher.WatchAsync($"{_feed}-{i}")).Watch);
        }

        watches[0].Cancel();

        Assert.Null(await watches[0].WaitForEndAsync());
        var (replacement, _) = await watcher.WatchAsync(_feed); // at once: the cancel freed the slot before this call was read
        var registry = watcher.Node.Services.GetRequiredService<WatchRegistry>();
        await Poll.UntilAsync(() => Task.FromResult(registry.Of($"{_feed}-1").Count == 0), "the cancelled watch to leave its node");
        await Api(1).PublishAsync(_feed, ("K", 1));
        await replacement.WaitForVersionAsync("K", 1);
        Assert.Single(watches[0].Items.Snapshot());
    }

    [Fact]
    public async Task PublishInputErrorsAreAnswered400Or413WithProblemDetailsAndWithoutAKey401()
    {
        var api = Api(0);
        var tooMany = new { updates = Enumerable.Range(0, LiveLimits.MaxUpdatesPerRequest + 1).Select(i => new { key = $"k{i}", value = i }) };
        var tooLarge = new { updates = new[] { new { key = "big", value = new string('x', LiveLimits.MaxValueBytes - 1) } } }; // 4097 bytes with its quotes

        await ExpectAsync(400, await api.PostAsync(new string('f', 65), new { updates = new[] { new { key = "k", value = 1 } } }));
        await ExpectAsync(400, await api.PostAsync(_feed, new { updates = new[] { new { key = "not a key", value = 1 } } }));
        await ExpectAsync(400, await api.PostAsync(_feed, new { updates = Array.Empty<object>() }));
        await ExpectAsync(400, await api.PostAsync(_feed, tooMany));
        await ExpectAsync(400, await api.PostRawAsync(_feed, """{"updates":[{"key":"k"}]}""")); // no value (null would remove)
        await ExpectAsync(400, await api.PostRawAsync(_feed, """{"updates":[null]}"""));
        await ExpectAsync(400, await api.PostRawAsync(_feed, "{}"));
        await ExpectAsync(400, await api.PostRawAsync(_feed, "{not json"));
        await ExpectAsync(413, await api.PostAsync(_feed, tooLarge));
        using (var http = api.Node.CreateApiHttpClient())
        {
            await ExpectAsync(400, await http.GetAsync($"api/v1/feeds/{_feed}?keys=a,,b"));
            await ExpectAsync(400, await http.GetAsync($"api/v1/feeds/{new string('f', 65)}"));
        }

        using (var anonymous = api.Node.CreateHttpClient())
        {
            await ExpectAsync(401, await anonymous.PostAsync($"api/v1/feeds/{_feed}/updates", new StringContent("""{"updates":[{"key":"k","value":1}]}""", System.Text.Encoding.UTF8, "application/json")));
            await ExpectAsync(401, await anonymous.GetAsync($"api/v1/feeds/{_feed}"));
        }

        Assert.Empty(await api.GetAsync(_feed)); // nothing of the refused requests was applied
    }

    [Fact]
    public async Task AThousandUpdatesOfFourKilobytesEachAreOneAcceptedRequest()
    {
        var value = new string('v', LiveLimits.MaxValueBytes - 2); // exactly 4 KiB of JSON with its quotes
        var entries = Enumerable.Range(0, LiveLimits.MaxUpdatesPerRequest).Select(i => ($"key:{i:D4}", (object?)value)).ToArray();

        await Api(0).PublishAsync(_feed, entries);

        var stored = await Api(1).GetAsync(_feed);
        Assert.Equal(LiveLimits.MaxUpdatesPerRequest, stored.Length);
        Assert.All(stored, u => Assert.Equal(1, u.Version));
        Assert.Equal(LiveLimits.MaxValueBytes, Json(stored[^1].Value).Length);
    }

    private static async Task AssertRefusedAsync(LiveWatch watch, string prefix)
    {
        var error = await watch.WaitForEndAsync();
        Assert.IsType<HubException>(error);
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        Assert.Empty(watch.Items.Snapshot());
    }

    private static async Task ExpectAsync(int status, HttpResponseMessage response)
    {
        using (response)
        {
            if (status == (int)HttpStatusCode.Unauthorized)
            {
                Assert.Equal(status, (int)response.StatusCode);
                return;
            }

            await ApiRequests.AssertProblemAsync(response, status);
        }
    }
}
