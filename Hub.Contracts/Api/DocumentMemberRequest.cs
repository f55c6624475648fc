namespace RealtimeHub.Contracts.Api;

/// <summary>Body of <c>PUT /api/v1/documents/{docId}/members/{userId}</c>: the member's role, <c>read</c> or <c>write</c> (<see cref="DocumentRoles"/>).</summary>
public sealed record DocumentMemberRequest(string Role);
