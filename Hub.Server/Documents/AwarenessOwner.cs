namespace RealtimeHub.Server.Documents;

/// <summary>The connection an awareness entry came through, and its user (a client id moves only between connections of one user).</summary>
public sealed record AwarenessOwner(string ConnectionId, string UserId);
