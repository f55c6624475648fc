using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Documents.Yjs;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Compaction without Yjs on the server: past <see cref="DocsOptions.CompactAfter"/> updates the store picks one push
/// (at most one per <see cref="DocsOptions.SnapshotRequestInterval"/>, across nodes) whose writer is asked for a
/// snapshot; a writer's snapshot replaces the log up to a sequence only if it contains every update it replaces and the
/// snapshot before them, checked here with the Yjs reader, and only if the log did not change meanwhile.
/// </summary>
public sealed class DocumentCompaction(
    IHubContext<DocumentHub, IDocumentClient> hub,
    IDocumentStore store,
    ILogger<DocumentCompaction> logger)
{
    /// <summary>Asks the writer that pushed <paramref name="upToSequence"/> for a snapshot up to it.</summary>
    public async Task RequestAsync(string connectionId, string docId, long upToSequence)
    {
        await hub.Clients.Client(connectionId).SnapshotRequested(docId, upToSequence);
        DocumentsLog.SnapshotRequested(logger, connectionId, docId, upToSequence);
    }

    /// <summary>Replaces the snapshot and the updates up to <paramref name="upToSequence"/> with <paramref name="snapshot"/> (a valid update) if it contains them all.</summary>
    public async Task<bool> SubmitAsync(string docId, string userId, byte[] snapshot, long upToSequence, CancellationToken cancellationToken)
    {
        var basis = await store.ReadForCompactionAsync(docId, upToSequence, cancellationToken);
        if (basis is null)
        {
            DocumentsLog.SnapshotRefused(logger, docId, upToSequence, userId, "nothing after the current snapshot up to that sequence");
            return false;
        }

        if (!Contains(docId, snapshot, basis))
        {
            DocumentsLog.SnapshotRefused(logger, docId, upToSequence, userId, "it does not contain every update it would replace");
            return false;
        }

        if (!await store.ReplaceSnapshotAsync(docId, basis, upToSequence, snapshot, cancellationToken))
        {
            DocumentsLog.SnapshotRefused(logger, docId, upToSequence, userId, "the log changed meanwhile");
            return false;
        }

        DocumentsLog.Compacted(logger, docId, upToSequence, basis.Updates.Count, snapshot.Length, userId);
        return true;
    }

    /// <summary>Whether the snapshot holds the previous snapshot and every replaced update: their structs and their deletions.</summary>
    private bool Contains(string docId, byte[] snapshot, CompactionBasis basis)
    {
        if (!YUpdateReader.TryRead(snapshot, out var offered, out _))
        {
            return false;
        }

        foreach (var part in basis.Snapshot is null ? basis.Updates : basis.Updates.Prepend(basis.Snapshot))
        {
            if (!YUpdateReader.TryRead(part, out var replaced, out var validation))
            {
                DocumentsLog.StoredUpdateInvalid(logger, docId, validation.ToString());
                return false;
            }

            if (!offered.Contains(replaced))
            {
                return false;
            }
        }

        return true;
    }
}
