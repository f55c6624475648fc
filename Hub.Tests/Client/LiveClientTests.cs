using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Client;
using RealtimeHub.Client.Live;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>LiveClient against a real embedded node (CONTRACT §5 and §9), published to through the typed API client.</summary>
public sealed class LiveClientTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private readonly string _feed = Unique.Name("quotes");

    [Fact]
    public async Task AWatchStartsWithASnapshotThenYieldsEachNewValue()
    {
        var api = fixture.Node.CreateApiClient();
        await api.PublishAsync(_feed, [("A", 1), ("B", 2), ("C", 3)]);
        await using var alice = await TestLiveClient.ConnectAsync(fixture.Node, Unique.Name("alice"));
        await using var watch = alice.Watch(_feed, ["A", "B"]);

        var snapshot = await watch.ItemAsync(1);
        Assert.True(snapshot.Snapshot);
        Assert.Equal(_feed, snapshot.Feed);
        Assert.Equal([("A", 1L, 1), ("B", 1L, 2)], snapshot.Updates.OrderBy(u => u.Key).Select(u => (u.Key, u.Version, ((JsonElement)u.Value!).GetInt32())));

        await api.PublishAsync(_feed, [("A", 10), ("C", 30)]);
        var next = await watch.ItemAsync(2);
        Assert.False(next.Snapshot);
        var update = Assert.Single(next.Updates); // C is not watched
        Assert.Equal(("A", 2L, 10), (update.Key, update.Version, ((JsonElement)update.Value!).GetInt32()));
    }

    [Theory]
    [InlineData(ChatProtocol.MessagePack, HttpTransportType.WebSockets)]
    [InlineData(ChatProtocol.MessagePack, HttpTransportType.LongPolling)]
    [InlineData(ChatProtocol.Json, HttpTransportType.ServerSentEvents)]
    public async Task ValuesArriveAsJsonElementsOnEitherProtocolAndEveryTransport(ChatProtocol protocol, HttpTransportType transport)
    {
        var api = fixture.Node.CreateApiClient();
        await api.PublishAsync(_feed, [("AAPL", new { price = 187.25, tags = new[] { "tech" }, open = true })]);
        await using var alice = await TestLiveClient.ConnectAsync(fixture.Node, Unique.Name("alice"), o => (o.Protocol, o.Transports) = (protocol, transport));
        await using var watch = alice.Watch(_feed);

        var value = Assert.IsType<JsonElement>(Assert.Single((await watch.ItemAsync(1)).Updates).Value);
        Assert.Equal(187.25, value.GetProperty("price").GetDouble());
        Assert.Equal("tech", value.GetProperty("tags")[0].GetString());
        Assert.True(value.GetProperty("open").GetBoolean());

        await api.PublishAsync(_feed, [("AAPL", (object?)null)]);
        var removal = Assert.Single((await watch.ItemAsync(2)).Updates);
        Assert.Equal((JsonValueKind.Null, 2L), (((JsonElement)removal.Value!).ValueKind, removal.Version));
    }

    [Theory]
    [InlineData("no spaces", null, null, LiveErrors.InvalidFeed)]
    [InlineData("quotes", new string[0], null, LiveErrors.InvalidKey)]
    [InlineData("quotes", new[] { "not a key" }, null, LiveErrors.InvalidKey)]
    [InlineData("quotes", null, 0.0, LiveErrors.InvalidRate)]
    [InlineData("quotes", null, 51.0, LiveErrors.InvalidRate)]
    public async Task ARefusedWatchEndsWithTheContractsError(string feed, string[]? keys, double? rate, string error)
    {
        await using var alice = await TestLiveClient.ConnectAsync(fixture.Node, Unique.Name("alice"));
        await using var watch = alice.Watch(feed, keys, rate);

        var refused = await watch.EndedWithAsync<LiveWatchException>();

        Assert.Equal((feed, error), (refused.Feed, refused.Error));
        Assert.Empty(watch.Items.Snapshot());
    }

    [Fact]
    public async Task APrivateFeedIsWatchedOnlyByMembersAndARevokeEndsTheWatch()
    {
        var api = fixture.Node.CreateApiClient();
        var aliceId = Unique.Name("alice");
        Assert.Equal(new FeedAccessResponse(_feed, RoomAccess.Private), await api.SetFeedAccessAsync(_feed, RoomAccess.Private));
        await using var alice = await TestLiveClient.ConnectAsync(fixture.Node, aliceId);

        await using (var refused = alice.Watch(_feed))
        {
            Assert.Equal(LiveErrors.ForbiddenFeed, (await refused.EndedWithAsync<LiveWatchException>()).Error);
        }

        await api.GrantFeedAsync(_feed, aliceId);
        await using var watch = alice.Watch(_feed);
        Assert.True((await watch.ItemAsync(1)).Snapshot);
        await api.RevokeFeedAsync(_feed, aliceId);

        Assert.Equal(LiveErrors.ForbiddenFeed, (await watch.EndedWithAsync<LiveWatchException>()).Error);
        Assert.Equal(ChatConnectionState.Connected, alice.Client.State); // the connection stays
    }

    [Fact]
    public async Task TheApiClientPublishesReadsAndRemovesKeys()
    {
        var api = fixture.Node.CreateApiClient();

        Assert.Equal(3, await api.PublishAsync(_feed, [new FeedEntry("B", Json("2")), new FeedEntry("A", Json("""{"price":1}""")), new FeedEntry("B", Json("\"two\""))]));
        var all = await api.GetFeedAsync(_feed);
        Assert.Equal(["A", "B"], all.Select(u => u.Key));
        Assert.Equal("\"two\"", ((JsonElement)all[1].Value!).GetRawText());
        Assert.Equal(1, all[1].Version); // within one request only a key's last entry is applied

        await api.PublishAsync(_feed, [("A", (object?)null)]);
        var some = await api.GetFeedAsync(_feed, ["A", "B"]);
        Assert.Equal(["B"], some.Select(u => u.Key));
    }

    [Fact]
    public async Task TheApiClientThrowsTheServersProblemForBadInput()
    {
        var api = fixture.Node.CreateApiClient();

        var refused = await Assert.ThrowsAsync<RealtimeHub.Client.Api.RealtimeHubApiException>(() => api.PublishAsync(_feed, [("not a key", 1)]));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("key", refused.Problem?.Detail ?? refused.Problem?.Title);
    }

    [Fact]
    public async Task TheClientReportsConnectingThenConnected()
    {
        await using var alice = await TestLiveClient.ConnectAsync(fixture.Node, Unique.Name("alice"));

        await alice.WaitForStateAsync(ChatConnectionState.Connected);
        Assert.Equal([ChatConnectionState.Connecting, ChatConnectionState.Connected], alice.States.Snapshot().Select(s => s.State));
    }

    [Fact]
    public void OptionsThatNameTheChatHubAreRefused()
    {
        var options = ChatClientOptions.ForServer(fixture.Node.BaseUri, _ => Task.FromResult("token"));

        var refused = Assert.Throws<ArgumentException>(() => new LiveClient(options));
        Assert.Contains(HubRoutes.Live, refused.Message);
    }

    [Fact]
    public async Task AWatchBeforeStartEndsWithInvalidOperationException()
    {
        await using var client = new LiveClient(ChatClientOptions.ForServer(fixture.Node.BaseUri, _ => Task.FromResult("token"), HubRoutes.Live));
        await using var watch = new WatchRecorder(ct => client.WatchAsync(_feed, cancellationToken: ct));

        Assert.Contains("StartAsync", (await watch.EndedWithAsync<InvalidOperationException>()).Message);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
