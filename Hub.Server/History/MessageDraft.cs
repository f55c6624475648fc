namespace RealtimeHub.Server.History;

/// <summary>A validated message before the store gives it an id, a sequence and a time.</summary>
public sealed record MessageDraft(string Room, string SenderId, string SenderName, string Text, string? ClientMessageId);
