using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// The hub at <c>/hubs/docs</c>. Thin on purpose: identity comes from the token, access from the filters (roles by the
/// attributes), the work from <see cref="DocumentService"/> and <see cref="DocumentAwareness"/>.
/// </summary>
[Authorize]
public sealed class DocumentHub(DocumentService documents, DocumentAwareness awareness) : Hub<IDocumentClient>, IDocumentHub
{
    private DocumentCaller Caller => DocumentCaller.From(Context);

    public override Task OnDisconnectedAsync(Exception? exception) => documents.DisconnectAsync(Caller);

    [DocumentReadersOnly]
    public Task<DocumentState> OpenDocument(string docId, string? knownEpoch, long knownSequence) =>
        documents.OpenAsync(Caller, docId, knownEpoch, knownSequence, Context.ConnectionAborted);

    [RateLimited]
    [DocumentWritersOnly]
    public Task<DocumentAck> PushUpdate(string docId, byte[] update, string? clientUpdateId) =>
        documents.PushUpdateAsync(Caller, docId, update, clientUpdateId, Context.ConnectionAborted);

    [RateLimited]
    [DocumentReadersOnly]
    public Task PushAwareness(string docId, byte[] update) =>
        awareness.PushAsync(Caller, docId, update, Context.ConnectionAborted);

    [RateLimited]
    [DocumentWritersOnly]
    public Task<bool> SubmitSnapshot(string docId, byte[] snapshot, long upToSequence) =>
        documents.SubmitSnapshotAsync(Caller, docId, snapshot, upToSequence, Context.ConnectionAborted);

    public Task CloseDocument(string docId) => documents.CloseAsync(Caller, docId);
}
