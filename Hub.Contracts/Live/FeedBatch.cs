namespace RealtimeHub.Contracts.Live;

/// <summary>
/// One item of a <c>Watch</c> stream. The first item of a watch, and the first after the feed's versions started again
/// (Redis lost it), has <see cref="Snapshot"/> true and the newest value of every requested key that has one; later
/// items hold each changed key at most once, with its newest value.
/// </summary>
public sealed record FeedBatch(string Feed, bool Snapshot, FeedUpdate[] Updates);
