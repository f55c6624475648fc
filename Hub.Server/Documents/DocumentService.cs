using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// What the document hub's methods do: validation, the log, relaying and compaction (awareness is
/// <see cref="DocumentAwareness"/>'s). Talks to clients only through <see cref="IHubContext{THub, T}"/>, so it works the
/// same on one node or many.
/// </summary>
public sealed class DocumentService(
    IHubContext<DocumentHub, IDocumentClient> hub,
    IDocumentStore store,
    DocumentConnections connections,
    DocumentAwareness awareness,
    DocumentCompaction compaction,
    IAccessControl access,
    DocumentInput input,
    IOptionsMonitor<DocsOptions> options,
    ILogger<DocumentService> logger)
{
    public async Task<DocumentState> OpenAsync(DocumentCaller caller, string? docIdArgument, string? knownEpoch, long knownSequence, CancellationToken cancellationToken)
    {
        var docId = input.DocId(docIdArgument);
        var joined = !connections.IsOpen(caller.ConnectionId, docId) && await JoinAsync(caller.ConnectionId, docId, cancellationToken);
        try
        {
            // In the group before reading, so no update falls between the read and the first relayed one.
            var log = await store.OpenAsync(docId, knownEpoch, knownSequence, cancellationToken) ?? throw DocumentHubErrors.Deleted(docId);
            var role = await access.GetRoleAsync(AccessKind.Document, docId, caller.User.UserId, caller.Principal.Names(AccessKind.Document, docId), cancellationToken);
            var others = await awareness.OthersAsync(docId, caller.ConnectionId, cancellationToken);
            connections.SetEpoch(caller.ConnectionId, docId, log.Epoch);
            DocumentsLog.Opened(logger, caller.ConnectionId, docId, log.Epoch, log.Updates.Length, log.Snapshot is not null);
            return new DocumentState(docId, log.Epoch, log.Snapshot, log.SnapshotSequence, log.Updates, log.LastSequence, role == AccessRole.Write, others);
        }
        catch when (joined)
        {
            await LeaveAsync(caller.ConnectionId, docId);
            throw;
        }
    }

    public async Task<DocumentAck> PushUpdateAsync(DocumentCaller caller, string? docIdArgument, byte[]? update, string? clientUpdateId, CancellationToken cancellationToken)
    {
        var docId = input.DocId(docIdArgument);
        var epoch = connections.EpochOf(caller.ConnectionId, docId) ?? throw DocumentHubErrors.NotInDocument(docId);
        var draft = new UpdateDraft(docId, caller.User.UserId, input.Update(update), input.ClientUpdateId(clientUpdateId), epoch, MayRequestSnapshot: true);
        var appended = await store.AppendAsync(draft, cancellationToken) ?? throw DocumentHubErrors.Deleted(docId);
        connections.SetEpoch(caller.ConnectionId, docId, appended.Ack.Epoch);
        if (appended.MustBroadcast is { } stored)
        {
            await BroadcastAsync(stored, except: caller.ConnectionId);
        }

        if (appended.SnapshotDue)
        {
            await compaction.RequestAsync(caller.ConnectionId, docId, appended.Ack.Sequence);
        }

        return appended.Ack;
    }

    /// <summary>A service's update (the API): stored and relayed to everyone in the document like a writer's push.</summary>
    public async Task<AppendedUpdate> PostUpdateAsync(string docId, string userId, byte[] update, string? clientUpdateId, CancellationToken cancellationToken)
    {
        var appended = await store.AppendAsync(new UpdateDraft(docId, userId, update, clientUpdateId, null, MayRequestSnapshot: false), cancellationToken)
            ?? throw new InvalidOperationException("A push without a known epoch is never refused as deleted.");
        if (appended.MustBroadcast is { } stored)
        {
            await BroadcastAsync(stored, except: null);
        }

        return appended;
    }

    public Task<bool> SubmitSnapshotAsync(DocumentCaller caller, string? docIdArgument, byte[]? snapshot, long upToSequence, CancellationToken cancellationToken)
    {
        var docId = input.DocId(docIdArgument);
        if (!connections.IsOpen(caller.ConnectionId, docId))
        {
            throw DocumentHubErrors.NotInDocument(docId);
        }

        return compaction.SubmitAsync(docId, caller.User.UserId, input.Update(snapshot), upToSequence, cancellationToken);
    }

    public async Task CloseAsync(DocumentCaller caller, string? docIdArgument)
    {
        var docId = input.DocId(docIdArgument);
        if (connections.IsOpen(caller.ConnectionId, docId))
        {
            await LeaveAsync(caller.ConnectionId, docId); // closing twice is harmless
        }
    }

    public async Task DisconnectAsync(DocumentCaller caller)
    {
        // SignalR has taken the connection out of its groups already.
        foreach (var docId in connections.CloseAll(caller.ConnectionId))
        {
            await awareness.RemoveAsync(docId, caller.ConnectionId);
        }
    }

    /// <summary>
    /// Deletes the document (the API): its log and snapshot (its epoch remembered as deleted), its awareness states, its
    /// access and grants; then every node takes its connections out of it (<see cref="DocumentEvictor"/>).
    /// </summary>
    public async Task DeleteAsync(string docId, string caller, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(docId, cancellationToken);
        await awareness.DeleteAsync(docId, cancellationToken);
        await access.ForgetAsync(AccessKind.Document, docId, cancellationToken);
        DocumentsLog.Deleted(logger, docId, caller);
    }

    /// <summary>Takes a connection out of a document it may no longer use, and tells it so (<c>RemovedFromDocument</c>).</summary>
    public async Task RemoveAsync(string connectionId, string userId, string docId, CancellationToken cancellationToken)
    {
        if (!connections.IsOpen(connectionId, docId))
        {
            return;
        }

        await LeaveAsync(connectionId, docId, cancellationToken);
        await hub.Clients.Client(connectionId).RemovedFromDocument(docId);
        DocumentsLog.Removed(logger, connectionId, userId, docId);
    }

    /// <summary>Broadcasts a stored update and confirms it; unconfirmed (the broadcast failed, or this node dies first), a retry or the sweeper broadcasts it again.</summary>
    public async Task BroadcastAsync(DocumentUpdate update, string? except)
    {
        try
        {
            var clients = except is null ? hub.Clients.Group(update.DocId) : hub.Clients.GroupExcept(update.DocId, [except]);
            await clients.DocumentUpdated(update.DocId, update);
            store.ConfirmBroadcast(update);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored: the pusher must hear so, or its retry would be taken for a new update.
            DocumentsLog.BroadcastFailed(logger, update.DocId, update.Sequence, ex);
        }
    }

    private async Task<bool> JoinAsync(string connectionId, string docId, CancellationToken cancellationToken)
    {
        var max = options.CurrentValue.MaxDocumentsPerConnection;
        if (!connections.TryOpen(connectionId, docId, max))
        {
            throw DocumentHubErrors.TooManyDocuments(max);
        }

        try
        {
            await hub.Groups.AddToGroupAsync(connectionId, docId, cancellationToken);
        }
        catch
        {
            connections.Close(connectionId, docId);
            throw;
        }

        return true;
    }

    private async Task LeaveAsync(string connectionId, string docId, CancellationToken cancellationToken = default)
    {
        connections.Close(connectionId, docId);
        try
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, docId, cancellationToken);
        }
        finally
        {
            await awareness.RemoveAsync(docId, connectionId);
            DocumentsLog.Left(logger, connectionId, docId);
        }
    }
}
