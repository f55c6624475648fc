namespace RealtimeHub.Server.Presence;

/// <summary>
/// Told by presence's reaper (Redis mode; the one per-node reaper there is) of a node that stopped heart-beating or said
/// goodbye, so a feature removes what that node's connections left in Redis beyond presence (documents: their awareness
/// states) and tells the survivors. At least once, on some surviving node: the node stays listed as departed until every
/// observer has returned, so an observer must be idempotent and throw to be asked again at the next reap.
/// </summary>
public interface IDeadNodeObserver
{
    Task OnNodeDeadAsync(string nodeId, CancellationToken cancellationToken);
}
