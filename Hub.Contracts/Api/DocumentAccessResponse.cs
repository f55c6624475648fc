namespace RealtimeHub.Contracts.Api;

/// <summary>The answer to <c>PUT /api/v1/documents/{docId}</c>: the document and its access now (<see cref="RoomAccess"/>'s words).</summary>
public sealed record DocumentAccessResponse(string DocId, string Access);
