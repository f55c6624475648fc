namespace RealtimeHub.Contracts.Api;

/// <summary>
/// Body of <c>POST /api/v1/documents/{docId}/updates</c>: a Yjs v1 update (base64 in JSON) stored and relayed like a
/// writer's push; a retry with the same <see cref="ClientUpdateId"/> returns the original ack.
/// </summary>
public sealed record DocumentUpdateRequest(byte[] Update, string? ClientUpdateId = null);
