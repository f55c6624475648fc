namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Each room's access (open or private) and the users granted its private form, shared by every node (Redis) or local
/// to one process (memory); the hub never knows which. Changes that can take members away return only after every
/// node's <see cref="IRoomAccessObserver"/> has removed the connections that lost the room, so nothing a removed user
/// sends is stored after the change returns.
/// </summary>
public interface IRoomAccess
{
    /// <summary>
    /// Whether <paramref name="userId"/> may enter the room: always for an open room; for a private one when granted
    /// or <paramref name="namedByToken"/> (the user's token names the room). Cheap for open rooms: at most one Redis round trip, usually none.
    /// </summary>
    ValueTask<bool> AdmitsAsync(string room, string userId, bool namedByToken, CancellationToken cancellationToken = default);

    /// <summary>The room's access as stored now (no cache).</summary>
    Task<RoomAccessLevel> GetAccessAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Sets the room's access; making it private removes every connection whose user is not a member, on every node.</summary>
    Task SetAccessAsync(string room, RoomAccessLevel access, CancellationToken cancellationToken = default);

    /// <summary>Makes the user a member of the room's private form (kept while the room is open, too).</summary>
    Task GrantAsync(string room, string userId, CancellationToken cancellationToken = default);

    /// <summary>Takes the grant away; if that leaves the user no longer a member, their connections leave the room on every node.</summary>
    Task RevokeAsync(string room, string userId, CancellationToken cancellationToken = default);
}
