using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// Where an update was stored (<see cref="Ack"/>), whether this push stored it (false: a retry got the original's ack),
/// the update this caller must broadcast (always when created; for a retry whose original was stored but never confirmed
/// broadcast, which this caller now owns), and whether the pusher is the one writer to ask for a snapshot now.
/// </summary>
public sealed record AppendedUpdate(DocumentAck Ack, bool Created, DocumentUpdate? MustBroadcast, bool SnapshotDue);
