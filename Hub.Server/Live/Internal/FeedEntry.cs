using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// A key's newest value in a node's table: the update every watcher is handed (built once, shared by all of them) and
/// the table's change counter when it was written.
/// </summary>
internal sealed record FeedEntry(FeedUpdate Update, long Stamp)
{
    public string Key => Update.Key;

    public long Version => Update.Version;

    /// <summary>Published <c>null</c>: no value is ever JSON null, so a null value is a removal.</summary>
    public bool IsRemoved => Update.Value is null;
}
