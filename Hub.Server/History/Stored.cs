namespace RealtimeHub.Server.History;

/// <summary>A stored message and whether this call created it (false: an idempotent retry returned the original).</summary>
public readonly record struct Stored<T>(T Message, bool Created);
