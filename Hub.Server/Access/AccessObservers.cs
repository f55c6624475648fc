namespace RealtimeHub.Server.Access;

/// <summary>
/// This node's <see cref="IAccessObserver"/>s, each told of the changes of its kind. Resolved on first use: observers act
/// through the hubs, whose filters themselves check access.
/// </summary>
public sealed class AccessObservers(IServiceProvider services)
{
    private IReadOnlyList<IAccessObserver>? _observers;

    public async Task NotifyAsync(AccessChange change, CancellationToken cancellationToken)
    {
        _observers ??= [.. services.GetServices<IAccessObserver>()];
        foreach (var observer in _observers)
        {
            if (observer.Kind == change.Kind)
            {
                await observer.OnChangedAsync(change, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
