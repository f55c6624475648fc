namespace RealtimeHub.Server.Live;

/// <summary>
/// A key of a feed as the store holds it: its value as compact JSON text (null once removed: the removal keeps its
/// version and time, so versions continue after it and a node that missed it can still learn of it), its version and
/// when the update was accepted.
/// </summary>
public readonly record struct FeedValue(string Key, string? Json, long Version, DateTime PublishedAt)
{
    public bool IsRemoved => Json is null;
}
