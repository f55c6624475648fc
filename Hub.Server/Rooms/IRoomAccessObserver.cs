namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Told on every node when a room's access changed (see <see cref="RoomAccessChange"/>), so that node removes its own
/// connections that are no longer members. <see cref="IRoomAccess"/> waits for every node's observer before it returns.
/// </summary>
public interface IRoomAccessObserver
{
    Task OnChangedAsync(RoomAccessChange change, CancellationToken cancellationToken);
}
