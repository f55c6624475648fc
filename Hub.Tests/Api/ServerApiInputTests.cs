using System.Net;
using System.Net.Http.Json;
using System.Text;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Api;

/// <summary>
/// The server API holds input to the hub's rules and refuses hostile input with problem+json: bad names and text
/// (400), oversized bodies and data (413), wrong content types (415), malformed JSON (400). Nothing refused is stored.
/// </summary>
public sealed class ServerApiInputTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private readonly HttpClient _http = fixture.Node.CreateApiHttpClient();
    private readonly string _room = Unique.Name("room");

    [Theory]
    [InlineData("has space")]
    [InlineData("sl%2Fash")]
    [InlineData("toolong-toolong-toolong-toolong-toolong-toolong-toolong-toolong-x")]
    [InlineData("caf%C3%A9")]
    public async Task RoomNamesOutsideTheHubsRulesAre400(string room)
    {
        foreach (var (method, path, body, _) in ApiRequests.AllRoutes(room, "bob").Where(r => r.Path.Contains("/rooms/", StringComparison.Ordinal)))
        {
            using var response = await _http.SendAsync(ApiRequests.Json(method, path, body));

            await ApiRequests.AssertProblemAsync(response, 400);
        }
    }

    [Theory]
    [InlineData("""{"senderId":"","text":"hi"}""")]
    [InlineData("""{"senderId":"has space","text":"hi"}""")]
    [InlineData("""{"senderId":"bot","senderName":"<script>","text":"hi"}""")]
    [InlineData("""{"senderId":"a-sender-id-that-is-longer-than-32","text":"hi"}""")]
    [InlineData("""{"text":"hi"}""")]
    [InlineData("""{"senderId":"bot","text":"   "}""")]
    [InlineData("""{"senderId":"bot"}""")]
    [InlineData("""{"senderId":"bot","text":"hi","clientMessageId":""}""")]
    [InlineData("""{"senderId":"bot","text":"hi","clientMessageId":"bad\u0000id"}""")]
    public async Task PostedMessagesBreakingTheHubsRulesAre400AndNotStored(string body)
    {
        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Post, $"api/v1/rooms/{_room}/messages", body));

        await ApiRequests.AssertProblemAsync(response, 400);
        Assert.Empty((await _http.GetFromJsonAsync<ChatMessage[]>($"api/v1/rooms/{_room}/messages"))!);
    }

    [Fact]
    public async Task TextLongerThanTheHubAllowsIs400()
    {
        var body = JsonContent.Create(new { senderId = "bot", text = new string('x', 4001) });

        using var response = await _http.PostAsync($"api/v1/rooms/{_room}/messages", body);

        await ApiRequests.AssertProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("after=0&limit=0")]
    [InlineData("after=0&limit=501")]
    [InlineData("after=-1&limit=10")]
    [InlineData("after=abc")]
    public async Task HistoryPagesOutsideTheLimitsAre400(string query)
    {
        using var response = await _http.GetAsync($"api/v1/rooms/{_room}/messages?{query}");

        await ApiRequests.AssertProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("""{"type":"","data":1}""")]
    [InlineData("""{"type":"has space","data":1}""")]
    [InlineData("""{"type":"a/b","data":1}""")]
    [InlineData("""{"data":1}""")]
    public async Task NotificationTypesOutsideTheRulesAre400(string body)
    {
        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Post, "api/v1/users/bob/notifications", body));

        await ApiRequests.AssertProblemAsync(response, 400);
    }

    [Fact]
    public async Task NotificationDataOver16KiBIs413()
    {
        var body = $$"""{"type":"big","data":"{{new string('x', 16 * 1024)}}"}""";

        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Post, "api/v1/users/bob/notifications", body));

        await ApiRequests.AssertProblemAsync(response, 413);
    }

    [Theory]
    [InlineData("api/v1/users/bob/notifications")]
    [InlineData("api/v1/rooms/{room}/messages")]
    [InlineData("api/v1/rooms/{room}")]
    public async Task BodiesOver64KiBAre413(string path)
    {
        var body = $$"""{"type":"big","senderId":"bot","access":"open","text":"{{new string('x', 70 * 1024)}}"}""";

        var method = path.EndsWith("{room}", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;

        using var response = await _http.SendAsync(ApiRequests.Json(method, path.Replace("{room}", _room, StringComparison.Ordinal), body));

        await ApiRequests.AssertProblemAsync(response, 413);
    }

    [Fact]
    public async Task AChunkedBodyOver64KiBIs413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"senderId":"bot","text":"{{new string('x', 70 * 1024)}}"}""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rooms/{_room}/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        await ApiRequests.AssertProblemAsync(response, 413);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task WrongContentTypesAre415(string contentType)
    {
        var content = new StringContent("""{"senderId":"bot","text":"hi"}""", Encoding.UTF8, contentType);

        using var response = await _http.PostAsync($"api/v1/rooms/{_room}/messages", content);

        await ApiRequests.AssertProblemAsync(response, 415);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"senderId":"bot","text":}""")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"senderId":1,"text":"hi"}""")]
    [InlineData("")]
    public async Task MalformedJsonIs400(string body)
    {
        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Post, $"api/v1/rooms/{_room}/messages", body));

        await ApiRequests.AssertProblemAsync(response, 400);
    }

    [Fact]
    public async Task DeeplyNestedNotificationDataIs400()
    {
        var body = $$"""{"type":"deep","data":{{new string('[', 200)}}{{new string(']', 200)}}}""";

        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Post, "api/v1/users/bob/notifications", body));

        await ApiRequests.AssertProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("""{"access":"secret"}""")]
    [InlineData("""{"access":"Private"}""")]
    [InlineData("""{}""")]
    public async Task AccessOtherThanOpenOrPrivateIs400(string body)
    {
        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Put, $"api/v1/rooms/{_room}", body));

        await ApiRequests.AssertProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("bad%07id")]
    [InlineData("%20")]
    [InlineData("a-user-id-longer-than-128-characters-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task MalformedUserIdsAre400(string userId)
    {
        using var notify = await _http.SendAsync(ApiRequests.Json(HttpMethod.Post, $"api/v1/users/{userId}/notifications", """{"type":"t","data":1}"""));
        using var grant = await _http.SendAsync(ApiRequests.Json(HttpMethod.Put, $"api/v1/rooms/{_room}/members/{userId}"));

        await ApiRequests.AssertProblemAsync(notify, 400);
        await ApiRequests.AssertProblemAsync(grant, 400);
    }

    [Fact]
    public async Task UnknownApiRoutesAre404Problem()
    {
        using var response = await _http.GetAsync("api/v1/nothing-here");

        await ApiRequests.AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task APostedMessageIsStoredSequencedAndReadBack()
    {
        using var first = await _http.PostAsJsonAsync($"api/v1/rooms/{_room}/messages", new { senderId = "billing-bot", senderName = "Billing", text = "  invoice ready  " });
        using var second = await _http.PostAsJsonAsync($"api/v1/rooms/{_room}/messages", new { senderId = "billing-bot", text = "paid" });
        var page = await _http.GetFromJsonAsync<ChatMessage[]>($"api/v1/rooms/{_room}/messages?after=1&limit=500");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<ChatMessage>())!;
        Assert.Equal((_room, 1L, "billing-bot", "Billing", "invoice ready"), (created.Room, created.Sequence, created.SenderId, created.SenderName, created.Text));
        Assert.NotNull(first.Headers.Location);
        var only = Assert.Single(page!);
        Assert.Equal((2L, "billing-bot", "billing-bot", "paid"), (only.Sequence, only.SenderId, only.SenderName, only.Text));
    }
}
