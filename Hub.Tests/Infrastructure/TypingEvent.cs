using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Infrastructure;

public sealed record TypingEvent(string Room, UserPresence User, bool IsTyping);
