namespace RealtimeHub.Contracts.Api;

/// <summary>
/// Body of <c>POST /api/v1/rooms/{room}/messages</c>: a message from a named bot or service. <see cref="SenderId"/> and
/// <see cref="SenderName"/> follow the hub's user name rules (1–32 of <c>[A-Za-z0-9_.-]</c>; the name defaults to the id);
/// a retry with the same sender and <see cref="ClientMessageId"/> returns the stored original.
/// </summary>
public sealed record PostMessageRequest(string SenderId, string? SenderName, string Text, string? ClientMessageId = null);
