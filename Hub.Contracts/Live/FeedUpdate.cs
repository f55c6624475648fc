namespace RealtimeHub.Contracts.Live;

/// <summary>
/// A key's newest value in a feed. <see cref="Version"/> counts the key's published updates (1, 2, 3, … per feed and
/// key, a removal included, the same on every node), so a jump from 5 to 9 means three values were conflated away.
/// <see cref="Value"/> null means the key was removed. <see cref="PublishedAt"/> is stamped once, when the update was accepted.
/// </summary>
/// <remarks>
/// On the wire <see cref="Value"/> is the JSON value itself (JSON protocol) or the same value as native MessagePack, as
/// <see cref="Notification.Data"/> is: the server sends plain objects; the .NET clients hand it over as a <c>JsonElement</c>.
/// </remarks>
public sealed record FeedUpdate(string Key, object? Value, long Version, DateTime PublishedAt);
