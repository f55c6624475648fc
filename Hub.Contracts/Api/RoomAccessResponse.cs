namespace RealtimeHub.Contracts.Api;

/// <summary>The answer to <c>PUT /api/v1/rooms/{room}</c>: the room and its access now.</summary>
public sealed record RoomAccessResponse(string Room, string Access);
