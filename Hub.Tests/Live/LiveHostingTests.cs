using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.Options;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>How the live hub is served: every transport, its authentication, its options, the demo feed and the OpenAPI document.</summary>
public sealed class LiveHostingTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
{
    private HubNode Node => cluster.Nodes[0];

    [Theory]
    [InlineData(HttpTransportType.ServerSentEvents, ChatProtocol.Json)]
    [InlineData(HttpTransportType.LongPolling, ChatProtocol.Json)]
    [InlineData(HttpTransportType.LongPolling, ChatProtocol.MessagePack)]
    public async Task AWatchWorksOverEveryTransport(HttpTransportType transport, ChatProtocol protocol)
    {
        var feed = Unique.Name("feed");
        using var api = new FeedApi(Node);
        await api.PublishAsync(feed, ("K", new { price = 1.25 }));
        await using var connection = await LiveConnection.ConnectAsync(Node, Unique.Name("ann"), protocol: protocol, transport: transport);

        var (watch, snapshot) = await connection.WatchAsync(feed, ["K"], maxPerSecond: 20);
        await api.PublishAsync(feed, ("K", new { price = 1.5 }));

        Assert.Equal("{\"price\":1.25}", JsonSerializer.Serialize(Assert.Single(snapshot.Updates).Value));
        Assert.Equal("{\"price\":1.5}", JsonSerializer.Serialize((await watch.WaitForVersionAsync("K", 2)).Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task TheLiveHubAnswers401WithoutAValidToken(string? token)
    {
        using var http = Node.CreateHttpClient();
        var query = token is null ? string.Empty : $"?access_token={token}";

        using var response = await http.PostAsync($"{HubRoutes.Live.TrimStart('/')}/negotiate{query}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheDemoFeedIsOffOutsideDevelopment()
    {
        using var api = new FeedApi(Node);

        Assert.Empty(await api.GetAsync("quotes"));
    }

    [Fact]
    public async Task InDevelopmentTheDemoPublishesQuotesOfFiftyInstrumentsSeveralOfThemTwentyTimesASecond()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Environment = "Development" });
        using var api = new FeedApi(node);
        await Poll.UntilAsync(async () => (await api.GetAsync("quotes")).Length > 0, "the demo's first quotes");

        var first = await api.GetAsync("quotes");
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(2)); // measuring a rate: the clock is the point here
        var second = (await api.GetAsync("quotes")).ToDictionary(u => u.Key);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        Assert.True(first.Length >= 50, $"{first.Length} instruments");
        var fast = first.Count(u => (second[u.Key].Version - u.Version) / seconds >= 18); // 20 a second, less a timer's jitter
        Assert.True(fast >= 5, $"{fast} instruments quoted 20 times a second");
        Assert.All(first, u =>
        {
            var quote = (JsonElement)u.Value!;
            Assert.Equal(["price", "change", "volume"], quote.EnumerateObject().Select(p => p.Name));
        });
    }

    [Theory]
    [InlineData("Live:BatchInterval", "00:00:00")]
    [InlineData("Live:DefaultMaxPerSecond", "0")]
    [InlineData("Live:DefaultMaxPerSecond", "51")]
    [InlineData("Live:MaxWatchesPerConnection", "0")]
    public async Task InvalidLiveOptionsStopTheNodeFromStarting(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions { Settings = { [key] = value } }));

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheFeedRoutes()
    {
        using var http = Node.CreateHttpClient();

        var document = await http.GetStringAsync(HubRoutes.OpenApi.TrimStart('/'));

        foreach (var path in new[] { "/api/v1/feeds/{feed}/updates", "/api/v1/feeds/{feed}", "/api/v1/feeds/{feed}/members/{userId}" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }

        Assert.Contains("\"FeedPublishRequest\"", document, StringComparison.Ordinal);
        Assert.Contains("\"FeedUpdate\"", document, StringComparison.Ordinal);
    }
}
