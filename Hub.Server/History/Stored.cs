namespace RealtimeHub.Server.History;

/// <summary>
/// A stored message, whether this call created it (false: an idempotent retry returned the original), and whether this
/// caller must broadcast it: always when created, and for a retry whose original was stored but never confirmed
/// broadcast (its node died in between), which this caller now owns.
/// </summary>
public readonly record struct Stored<T>(T Message, bool Created, bool MustBroadcast)
{
    public Stored(T message, bool created)
        : this(message, created, created)
    {
    }
}
