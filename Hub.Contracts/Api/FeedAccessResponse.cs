namespace RealtimeHub.Contracts.Api;

/// <summary>The answer to <c>PUT /api/v1/feeds/{feed}</c>: the feed and its access now (<see cref="RoomAccess"/>'s words).</summary>
public sealed record FeedAccessResponse(string Feed, string Access);
