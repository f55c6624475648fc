using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// Who is online and which room each connection is in. Implementations are shared by every node of a cluster
/// (Redis) or local to one process (memory); the hub never knows which.
/// </summary>
/// <remarks>
/// "Announce" results are per user, not per connection: a user with three tabs in a room joined once and leaves once.
/// Methods taking a connection id are only ever called for connections that live on this node.
/// </remarks>
public interface IPresenceTracker
{
    /// <summary>Registers a live connection of <paramref name="user"/> on this node.</summary>
    Task ConnectAsync(string connectionId, UserPresence user, CancellationToken cancellationToken = default);

    /// <summary>Forgets the connection everywhere and returns the rooms its user has now left entirely.</summary>
    Task<IReadOnlyList<string>> DisconnectAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Puts the connection in the room; true when this is the user's first connection there.</summary>
    Task<bool> JoinRoomAsync(string connectionId, string room, CancellationToken cancellationToken = default);

    /// <summary>Takes the connection out of the room; true when it was the user's last connection there.</summary>
    Task<bool> LeaveRoomAsync(string connectionId, string room, CancellationToken cancellationToken = default);

    /// <summary>Whether this node's connection is in the room. Local state: no I/O.</summary>
    bool IsInRoom(string connectionId, string room);

    /// <summary>How many rooms this node's connection is in. Local state: no I/O.</summary>
    int CountRooms(string connectionId);

    /// <summary>The rooms at least one of this node's connections is in. Local state: no I/O.</summary>
    IReadOnlyList<string> LocalRooms();

    /// <summary>The room's members, one entry per user, across all nodes.</summary>
    Task<IReadOnlyList<UserPresence>> GetRoomMembersAsync(string room, CancellationToken cancellationToken = default);

    /// <summary>Every user with at least one live connection on any node.</summary>
    Task<IReadOnlyList<UserPresence>> GetOnlineUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>How many users are online and how many rooms have members, across all nodes.</summary>
    Task<PresenceCounts> GetCountsAsync(CancellationToken cancellationToken = default);
}
