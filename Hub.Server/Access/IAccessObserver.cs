namespace RealtimeHub.Server.Access;

/// <summary>
/// Told on every node when the access of a resource of its <see cref="Kind"/> changed, so that node stops serving its
/// own users that are no longer members (rooms: removed from the room; feeds: their watches end; documents:
/// removed from the document, or all of its users when it was deleted).
/// <see cref="IAccessControl"/> waits for every node's observers before it returns.
/// </summary>
public interface IAccessObserver
{
    AccessKind Kind { get; }

    Task OnChangedAsync(AccessChange change, CancellationToken cancellationToken);
}
