namespace RealtimeHub.Contracts.Api;

/// <summary>Body of <c>PUT /api/v1/rooms/{room}</c>: <c>open</c> or <c>private</c> (<see cref="RoomAccess"/>).</summary>
public sealed record RoomAccessRequest(string Access);
