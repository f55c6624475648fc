using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Client.Api;

/// <summary>An update pushed through the server API: where it is stored, and whether this call stored it (false: a retry got the original's ack).</summary>
public sealed record PushedDocumentUpdate(DocumentAck Ack, bool Created);
