using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Awareness in documents: relays a connection's awareness updates to the others (never into the log), remembers the
/// current states for newcomers, and relays removals when a connection's states go (it closed the document,
/// disconnected, was removed, or its node died), so no caret outlives its editor.
/// </summary>
public sealed class DocumentAwareness(
    IHubContext<DocumentHub, IDocumentClient> hub,
    IAwarenessStore store,
    DocumentConnections connections,
    DocumentInput input,
    ILogger<DocumentAwareness> logger)
{
    // Removals that failed (Redis unreachable as the connection left): tried again after the next awareness call here
    // that reached the store, so no caret outlives its editor for longer than the outage.
    private readonly ConcurrentDictionary<(string DocId, string ConnectionId), byte> _unremoved = new();
    private int _retrying;

    public async Task PushAsync(DocumentCaller caller, string? docIdArgument, byte[]? update, CancellationToken cancellationToken)
    {
        var docId = input.DocId(docIdArgument);
        if (!connections.IsOpen(caller.ConnectionId, docId))
        {
            throw DocumentHubErrors.NotInDocument(docId);
        }

        var entries = Parse(update);
        if (!connections.MayAnnounce(caller.ConnectionId, docId, entries, DocumentLimits.MaxAwarenessClientsPerConnection))
        {
            throw DocumentHubErrors.InvalidUpdate($"a connection may announce at most {DocumentLimits.MaxAwarenessClientsPerConnection} awareness clients in a document");
        }

        var accepted = await store.ApplyAsync(docId, new AwarenessOwner(caller.ConnectionId, caller.User.UserId), entries, cancellationToken);
        if (!connections.IsOpen(caller.ConnectionId, docId))
        {
            // Closed or removed (a revoke, a delete) while the state was being stored: that removal already cleared the
            // connection's states and will not look again, so clear what this push stored rather than leave a caret.
            await RemoveAsync(docId, caller.ConnectionId);
            throw DocumentHubErrors.NotInDocument(docId);
        }

        connections.Announced(caller.ConnectionId, docId, accepted);
        RetryFailedRemovals();
        if (accepted.Count > 0)
        {
            // Relayed as sent unless some entries were refused (another user's client id, an older clock).
            await hub.Clients.GroupExcept(docId, [caller.ConnectionId]).AwarenessChanged(docId, accepted.Count == entries.Count ? update! : AwarenessUpdate.Encode(accepted));
        }
    }

    /// <summary>One awareness update holding everyone's current state but this connection's, or null when there is none.</summary>
    public async Task<byte[]?> OthersAsync(string docId, string connectionId, CancellationToken cancellationToken)
    {
        var others = await store.GetOthersAsync(docId, connectionId, cancellationToken);
        RetryFailedRemovals();
        return others.Count == 0 ? null : AwarenessUpdate.Encode(others);
    }

    /// <summary>Forgets the connection's states in the document and tells everyone still there. Never throws: it runs on the way out.</summary>
    public async Task RemoveAsync(string docId, string connectionId)
    {
        try
        {
            await AnnounceRemovalsAsync(docId, await store.RemoveAsync(docId, connectionId));
            _unremoved.TryRemove((docId, connectionId), out _);
        }
        catch (Exception ex)
        {
            _unremoved.TryAdd((docId, connectionId), 0);
            DocumentsLog.AwarenessRemovalFailed(logger, connectionId, docId, ex);
        }
    }

    /// <summary>The store answered: one pass at a time over the removals that failed before.</summary>
    private void RetryFailedRemovals()
    {
        if (_unremoved.IsEmpty || Interlocked.CompareExchange(ref _retrying, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var (docId, connectionId) in _unremoved.Keys)
                {
                    await RemoveAsync(docId, connectionId);
                }
            }
            finally
            {
                Volatile.Write(ref _retrying, 0);
            }
        });
    }

    /// <summary>Forgets every state in a deleted document; its connections are removed from it, so nobody needs telling.</summary>
    public Task DeleteAsync(string docId, CancellationToken cancellationToken) => store.DeleteAsync(docId, cancellationToken);

    /// <summary>Relays removals (a null state at the next clock) to every connection in the document, on every node.</summary>
    public Task AnnounceRemovalsAsync(string docId, IReadOnlyList<AwarenessEntry> removals) =>
        removals.Count == 0 ? Task.CompletedTask : hub.Clients.Group(docId).AwarenessChanged(docId, AwarenessUpdate.Encode(removals));

    private static List<AwarenessEntry> Parse(byte[]? update)
    {
        if (update is null || update.Length == 0 || update.Length > DocumentLimits.MaxAwarenessBytes)
        {
            throw DocumentHubErrors.InvalidUpdate($"an awareness update must be 1–{DocumentLimits.MaxAwarenessBytes} bytes");
        }

        return AwarenessUpdate.TryParse(update, out var entries, out var problem) ? entries : throw DocumentHubErrors.InvalidUpdate(problem!);
    }
}
