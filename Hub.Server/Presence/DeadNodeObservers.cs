namespace RealtimeHub.Server.Presence;

/// <summary>
/// This node's <see cref="IDeadNodeObserver"/>s, resolved on first use: observers need presence themselves (the node's
/// id), so presence cannot take them when it is built.
/// </summary>
public sealed class DeadNodeObservers(IServiceProvider services)
{
    private IReadOnlyList<IDeadNodeObserver>? _observers;

    public IReadOnlyList<IDeadNodeObserver> All => _observers ??= [.. services.GetServices<IDeadNodeObserver>()];
}
