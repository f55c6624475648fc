using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// No ghost carets from dead nodes (Redis mode): told by presence's reaper that a node is gone, removes the awareness
/// states it announced and relays their removal to every document it was in; at start, removes what an earlier run of
/// this node (under the same node id) left behind.
/// </summary>
public sealed class DocumentAwarenessReaper(
    RedisAwarenessStore store, DocumentAwareness awareness, ILogger<DocumentAwarenessReaper> logger) : IDeadNodeObserver, IHostedService
{
    public async Task OnNodeDeadAsync(string nodeId, CancellationToken cancellationToken)
    {
        var removed = await store.RemoveNodeAsync(nodeId);
        foreach (var (docId, removals) in removed)
        {
            await awareness.AnnounceRemovalsAsync(docId, removals);
        }

        DocumentsLog.DeadNodeAwarenessRemoved(logger, nodeId, removed.Sum(r => r.Removals.Count), removed.Count);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OnNodeDeadAsync(store.NodeId, cancellationToken);
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            DocumentsLog.AwarenessRemovalFailed(logger, "(an earlier run of this node)", "(any)", ex); // presence's reaper cannot help: this node is alive
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
