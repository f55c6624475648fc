namespace RealtimeHub.Contracts;

/// <summary>A user as others see it: the token's <c>sub</c> and <c>name</c>.</summary>
public sealed record UserPresence(string UserId, string Name);
