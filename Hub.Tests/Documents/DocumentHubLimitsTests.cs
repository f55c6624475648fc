using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>The document hub's own limits, on one embedded node: its receive limit, open documents per connection, its rate limit.</summary>
public sealed class DocumentHubLimitsTests(EmbeddedCluster cluster) : IClassFixture<EmbeddedCluster>
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
}
