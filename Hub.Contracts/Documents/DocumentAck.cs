namespace RealtimeHub.Contracts.Documents;

/// <summary>Where a pushed update was stored: its document's epoch and its sequence in it.</summary>
public sealed record DocumentAck(string Epoch, long Sequence);
