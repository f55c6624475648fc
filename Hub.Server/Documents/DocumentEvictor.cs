using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Rooms;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Takes this node's connections out of a document they may no longer use: a revoked member, every non-member when the
/// document was made private, and everyone when it was deleted (its access forgotten, its epoch listed as deleted).
/// A downgrade to <c>read</c> needs nothing here: every push checks the role.
/// </summary>
public sealed class DocumentEvictor(
    IAccessControl access,
    IDocumentStore store,
    DocumentConnections documents,
    LocalHubConnections connections,
    DocumentService service) : IAccessObserver
{
    public AccessKind Kind => AccessKind.Document;

    public Task OnChangedAsync(AccessChange change, CancellationToken cancellationToken) =>
        connections.RemoveSettledAsync(change.UserId, () => RemoveAsync(change, cancellationToken), cancellationToken);

    private async Task RemoveAsync(AccessChange change, CancellationToken cancellationToken)
    {
        var docId = change.Name;
        foreach (var connection in connections.Snapshot(change.UserId))
        {
            if (documents.IsOpen(connection.ConnectionId, docId) && await IsGoneAsync(connection, docId, change.UserId is null, cancellationToken))
            {
                await service.RemoveAsync(connection.ConnectionId, connection.User.UserId, docId, cancellationToken);
            }
        }
    }

    private async Task<bool> IsGoneAsync(LocalHubConnection connection, string docId, bool everyone, CancellationToken cancellationToken) =>
        !await access.AdmitsAsync(AccessKind.Document, docId, connection.User.UserId, connection.Principal.Names(AccessKind.Document, docId), cancellationToken)
        || (everyone && documents.EpochOf(connection.ConnectionId, docId) is { } epoch && await store.WasDeletedAsync(docId, epoch, cancellationToken));
}
