using System.Net;
using RealtimeHub.Client.Api;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>Private documents with read and write roles, revocation, deletion, and the server API's document routes.</summary>
public abstract partial class DocumentBehaviourTests<TCluster>
{
    [Fact]
    public async Task APrivateDocumentAdmitsReadersToOpenAndShareAwarenessButOnlyWritersToWrite()
    {
        var (readerId, writerId) = (Unique.Name("reader"), Unique.Name("writer"));
        await Api().SetDocumentAccessAsync(_doc, RoomAccess.Private);
        await Api().GrantDocumentAsync(_doc, readerId, DocumentRoles.Read);
        await Api().GrantDocumentAsync(_doc, writerId, DocumentRoles.Write);
        var (reader, writer, stranger) = (await ConnectAsync(readerId, exactId: true), await ConnectAsync(writerId, exactId: true), await ConnectAsync("stranger"));
        var claimed = await ConnectAsync("claimed", token: TestAuth.CreateToken("claimed-" + _doc, claims: new Dictionary<string, object> { ["documents"] = new[] { _doc } }));

        var readerState = await reader.OpenAsync(_doc);
        var writerState = await writer.OpenAsync(_doc);
        var claimedState = await claimed.OpenAsync(_doc);
        await writer.PushAsync(_doc, TestUpdates.Named("team-101-0"));
        await claimed.PushAsync(_doc, TestUpdates.Named("team-101-1"));
        await reader.PushAwarenessAsync(_doc, TestUpdates.Awareness((5005, 1, """{"name":"reader"}""")));
        await writer.Awareness.WaitForCountAsync(1, "the reader's caret");

        Assert.False(readerState.CanWrite);
        Assert.True(writerState.CanWrite);
        Assert.True(claimedState.CanWrite); // the token's documents claim grants write
        await AssertRefusedAsync(DocumentErrors.ForbiddenDocument, () => reader.PushAsync(_doc, TestUpdates.Named("team-102-0")));
        await AssertRefusedAsync(DocumentErrors.ForbiddenDocument, () => reader.SubmitSnapshotAsync(_doc, TestUpdates.Named("team-snapshot"), 2));
        await AssertRefusedAsync(DocumentErrors.ForbiddenDocument, () => stranger.OpenAsync(_doc));
        Assert.Equal(2, (await reader.OpenAsync(_doc)).LastSequence);
    }

    [Fact]
    public async Task RevokingAMemberRemovesItsConnectionsAtOnceAndADowngradedWritersNextPushIsForbidden()
    {
        var (aliceId, bobId) = (Unique.Name("alice"), Unique.Name("bob"));
        await Api().SetDocumentAccessAsync(_doc, RoomAccess.Private);
        await Api().GrantDocumentAsync(_doc, aliceId, DocumentRoles.Write);
        await Api().GrantDocumentAsync(_doc, bobId, DocumentRoles.Write);
        var (alice, bob) = (await ConnectAsync(aliceId, exactId: true), await ConnectAsync(bobId, exactId: true));
        await alice.OpenAsync(_doc);
        await bob.OpenAsync(_doc);
        await alice.PushAwarenessAsync(_doc, TestUpdates.Awareness((1001, 2, """{"name":"alice"}""")));
        await bob.Awareness.WaitForCountAsync(1, "alice's caret");

        await Api().RevokeDocumentAsync(_doc, aliceId); // returns once every node has acted

        Assert.Equal([_doc], await alice.Removed.WaitForCountAsync(1, "alice removed"));
        await AssertRefusedAsync(DocumentErrors.ForbiddenDocument, () => alice.PushAsync(_doc, TestUpdates.Named("team-101-0")));
        await bob.Awareness.WaitForCountAsync(2, "the removal of alice's caret");
        await Api().GrantDocumentAsync(_doc, bobId, DocumentRoles.Read);
        await AssertRefusedAsync(DocumentErrors.ForbiddenDocument, () => bob.PushAsync(_doc, TestUpdates.Named("team-101-0")));
        Assert.Empty(bob.Removed.Snapshot()); // a reader stays in the document
        Assert.False((await bob.OpenAsync(_doc)).CanWrite);
    }

    [Fact]
    public async Task DeletingADocumentRemovesItsConnectionsAndItsStateAndGetAnswers404()
    {
        var alice = await OpenedAsync("alice");
        var stored = await alice.PushAsync(_doc, TestUpdates.Named("team-101-0"));

        await Api().DeleteDocumentAsync(_doc);

        Assert.Equal([_doc], await alice.Removed.WaitForCountAsync(1, "alice removed"));
        Assert.Null(await Api().GetDocumentAsync(_doc));
        await AssertRefusedAsync(DocumentErrors.NotInDocument, () => alice.PushAsync(_doc, TestUpdates.Named("team-101-1")));
        await AssertRefusedAsync(DocumentErrors.InvalidDocument, () => alice.OpenAsync(_doc, stored.Epoch, stored.Sequence)); // not brought back from a deleted epoch
        var fresh = await alice.OpenAsync(_doc);
        Assert.NotEqual(stored.Epoch, fresh.Epoch);
        Assert.Empty(fresh.Updates);
    }

    [Fact]
    public async Task TheApiReadsPushesWithIdempotencyAndRelaysToEveryoneInTheDocument()
    {
        var alice = await OpenedAsync("alice");
        var update = TestUpdates.Named("team-101-0");

        var pushed = await Api().PushDocumentUpdateAsync(_doc, update, "api-1");
        var retried = await Api().PushDocumentUpdateAsync(_doc, TestUpdates.Named("team-101-1"), "api-1");
        var relayed = await alice.Updates.WaitForCountAsync(1, "the API's update");
        var state = await Api().GetDocumentAsync(_doc);
        var access = await Api().SetDocumentAccessAsync(_doc, RoomAccess.Private);
        var badRole = await Assert.ThrowsAsync<RealtimeHubApiException>(() => Api().GrantDocumentAsync(_doc, "someone", "admin"));
        var badId = await Assert.ThrowsAsync<RealtimeHubApiException>(() => Api().GetDocumentAsync("not valid"));
        var garbage = await Assert.ThrowsAsync<RealtimeHubApiException>(() => Api().PushDocumentUpdateAsync(_doc, [0xFF, 0xFF]));

        Assert.True(pushed.Created);
        Assert.Equal((pushed.Ack, false), (retried.Ack, retried.Created));
        Assert.Equal(update, relayed[0].Update.Update);
        Assert.NotNull(state);
        Assert.Equal((pushed.Ack.Epoch, 1L, true, (byte[]?)null), (state.Epoch, state.LastSequence, state.CanWrite, state.Awareness));
        Assert.Equal(update, Assert.Single(state.Updates).Update);
        Assert.Equal(new DocumentAccessResponse(_doc, RoomAccess.Private), access);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.StartsWith(DocumentErrors.InvalidUpdate, garbage.Problem?.Detail, StringComparison.Ordinal);
    }
}
