using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Authentication;

/// <summary>Makes SignalR's user id the token's <c>sub</c>, so <c>Clients.User(id)</c> targets every connection of that user.</summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(HubClaimTypes.Subject)?.Value;
}
