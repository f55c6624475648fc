namespace RealtimeHub.Contracts;

/// <summary>A direct message from one user to another; delivered to every connection of both.</summary>
public sealed record PrivateMessage(
    string Id,
    string FromUserId,
    string FromName,
    string ToUserId,
    string Text,
    DateTime SentAt,
    string? ClientMessageId);
