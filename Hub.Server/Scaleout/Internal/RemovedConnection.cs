namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>What removing a connection emptied on this node: groups with no local member left, and the user if it was its last connection here.</summary>
internal readonly record struct RemovedConnection(IReadOnlyList<string> EmptiedGroups, string? EmptiedUser);
