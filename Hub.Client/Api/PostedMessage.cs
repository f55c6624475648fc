using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Api;

/// <summary>A message posted through the server API, and whether this call stored it (false: a retry got the stored original back).</summary>
public sealed record PostedMessage(ChatMessage Message, bool Created);
