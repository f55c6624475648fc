using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.Options;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Live;
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
    public async Task InDevelopmentTheDemoPublishesQuotesOfItsInstrumentsTheFastOnesFarMoreOftenThanTheRest()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Environment = "Development" });
        using var api = new FeedApi(node);
        await Poll.UntilAsync(async () => (await api.GetAsync("quotes")).Length > 0, "the demo's first quotes");
        var first = (await api.GetAsync("quotes")).ToDictionary(u => u.Key);
        var fast = DemoMarket.Instruments.Take(DemoMarket.FastInstruments).ToArray();

        // Counted in quotes, not timed: a busy machine may skip the demo's timer ticks, never its instruments' turns.
        Dictionary<string, FeedUpdate> second = [];
        await Poll.UntilAsync(async () =>
        {
            second = (await api.GetAsync("quotes")).ToDictionary(u => u.Key);
            return fast.All(key => second[key].Version - first[key].Version >= 20);
        }, "twenty quotes of every fast instrument");

        Assert.Equal(DemoMarket.Instruments.Order(), first.Keys.Order());
        var slowest = fast.Min(key => second[key].Version - first[key].Version);
        Assert.All(DemoMarket.Instruments.Skip(DemoMarket.FastInstruments), key => Assert.True(second[key].Version - first[key].Version < slowest / 2, key));
        Assert.All(first.Values, u =>
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
