namespace RealtimeHub.Client.Connections.Internal;

/// <summary>One entry of <c>availableTransports</c> in a negotiate response.</summary>
internal sealed record AvailableTransport(string? Transport, IReadOnlyList<string>? TransferFormats);
