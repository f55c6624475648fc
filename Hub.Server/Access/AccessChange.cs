namespace RealtimeHub.Server.Access;

/// <summary>
/// A change that may have made some current users of a resource non-members: it was made private or open
/// (<see cref="UserId"/> null: every user of it is checked) or a user's grant was revoked (only that user's).
/// </summary>
public sealed record AccessChange(AccessKind Kind, string Name, string? UserId);
