namespace RealtimeHub.Client.Connections.Internal;

/// <summary>The body of <c>POST {hub}/negotiate</c> (negotiate protocol versions 0 and 1).</summary>
internal sealed record NegotiationResponse(
    int NegotiateVersion,
    string? ConnectionId,
    string? ConnectionToken,
    IReadOnlyList<AvailableTransport>? AvailableTransports,
    string? Url,
    string? Error)
{
    /// <summary>Version 1 addresses the connection by its token; version 0 by its id.</summary>
    public string? ConnectionKey => NegotiateVersion >= 1 ? ConnectionToken : ConnectionId;
}
