using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Infrastructure;

public sealed record RoomEvent(string Room, UserPresence User);
