namespace RealtimeHub.Contracts;

/// <summary>
/// A notification another service sent to one user through the server API, raised on every live connection of that user.
/// <see cref="Type"/> is 1–64 of <c>[A-Za-z0-9_.:-]</c>; <see cref="Data"/> is any JSON value of at most 16 KiB.
/// </summary>
/// <remarks>
/// On the wire <see cref="Data"/> is the JSON value itself (JSON protocol) or the same value as native MessagePack
/// (MessagePack protocol), so stock SignalR clients read it on either. The server sends it as plain objects
/// (dictionaries, lists, strings, numbers, booleans, null); ChatClient hands it over as a <c>System.Text.Json.JsonElement</c>.
/// </remarks>
public sealed record Notification(string Id, string Type, object? Data, DateTime SentAt);
