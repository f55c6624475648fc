namespace RealtimeHub.Contracts;

/// <summary>The body of <c>POST /auth/token</c>.</summary>
public sealed record TokenResponse(string AccessToken, DateTime ExpiresAt, string UserId);
