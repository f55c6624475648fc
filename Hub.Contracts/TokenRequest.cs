namespace RealtimeHub.Contracts;

/// <summary>The request body of <c>POST /auth/token</c>.</summary>
public sealed record TokenRequest(string? UserName);
