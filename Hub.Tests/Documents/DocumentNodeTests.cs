using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// On one embedded node: the document hub's own limits (its receive limit, open documents per connection, its rate
/// limit) and the document routes' problems and OpenAPI description.
/// </summary>
public sealed class DocumentNodeTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
{
    private HubNode Node => cluster.Nodes[0];

    [Fact]
    public async Task TheDocumentHubTakesFramesFarLargerThanTheChatHubs32KiB()
    {
        await using var alice = await DocumentProbe.ConnectAsync(Node, Unique.Name("alice"));
        var doc = Unique.Name("doc");
        await alice.OpenAsync(doc);

        var ack = await alice.PushAsync(doc, TestUpdates.TextOfLength(8 * ChatLimits.MaxFrameBytes));

        Assert.Equal(1, ack.Sequence);
        Assert.False(alice.Closed.IsCompleted);
    }

    [Fact]
    public async Task AConnectionMayHaveAtMostTwentyDocumentsOpenAtOnce()
    {
        await using var alice = await DocumentProbe.ConnectAsync(Node, Unique.Name("alice"));
        var docs = Enumerable.Range(0, 21).Select(_ => Unique.Name("doc")).ToList();
        foreach (var doc in docs.Take(20))
        {
            await alice.OpenAsync(doc);
        }

        var error = await Assert.ThrowsAsync<HubException>(() => alice.OpenAsync(docs[20]));
        await alice.OpenAsync(docs[0]); // one already open opens again
        await alice.CloseAsync(docs[0]);
        await alice.OpenAsync(docs[20]);

        Assert.StartsWith(DocumentErrors.InvalidDocument + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushesPastTheRateLimitAreRefusedWithRateLimitedAndTheConnectionStays()
    {
        await using var alice = await DocumentProbe.ConnectAsync(Node, Unique.Name("alice"));
        var doc = Unique.Name("doc");
        await alice.OpenAsync(doc);
        var refusals = 0;

        for (var i = 0; i < 70; i++) // a burst of 60, refilled at 30 per second
        {
            try
            {
                await alice.PushAsync(doc, TestUpdates.Named("empty-doc"));
            }
            catch (HubException ex) when (ex.Message.StartsWith(DocumentErrors.RateLimited + ":", StringComparison.Ordinal))
            {
                refusals++;
            }
        }

        Assert.InRange(refusals, 1, 10);
        Assert.False(alice.Closed.IsCompleted);
    }

    [Fact]
    public async Task TheApiAnswersAnOversizedUpdateWith413AndAMissingDocumentWith404AsProblems()
    {
        using var http = Node.CreateApiHttpClient();
        var doc = Unique.Name("doc");

        using var tooLarge = await http.PostAsJsonAsync($"{HubRoutes.Api}/documents/{doc}/updates", new DocumentUpdateRequest(new byte[DocumentLimits.DefaultMaxUpdateBytes + 1]));
        using var missing = await http.GetAsync($"{HubRoutes.Api}/documents/{doc}");
        using var bodyTooLarge = await http.PostAsync(
            $"{HubRoutes.Api}/documents/{doc}/updates", new StringContent(new string('A', 2 * DocumentLimits.DefaultMaxUpdateBytes), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "application/problem+json"), (tooLarge.StatusCode, tooLarge.Content.Headers.ContentType?.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (missing.StatusCode, missing.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bodyTooLarge.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheDocumentRoutes()
    {
        using var http = Node.CreateHttpClient();

        var document = await http.GetStringAsync(HubRoutes.OpenApi);

        foreach (var path in new[] { "/api/v1/documents/{docId}", "/api/v1/documents/{docId}/updates", "/api/v1/documents/{docId}/members/{userId}" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }

        Assert.Contains("\"DocumentState\"", document, StringComparison.Ordinal);
        Assert.Contains("\"DocumentUpdateRequest\"", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Docs:MaxUpdateBytes", "10")]
    [InlineData("Docs:CompactAfter", "0")]
    [InlineData("Docs:RateLimit:Burst", "0")]
    [InlineData("Docs:MaxDocumentsPerConnection", "0")]
    [InlineData("Docs:SnapshotRequestInterval", "00:00:00")]
    public async Task InvalidDocumentSettingsStopTheNodeAtStartNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions { Settings = { [key] = value } }));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }
}
