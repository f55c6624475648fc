using System.Security.Claims;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Rooms;

/// <summary>One of this node's hub connections: its user, and the principal its token gave it (for the <c>rooms</c>, <c>feeds</c> and <c>documents</c> claims).</summary>
public sealed record LocalHubConnection(string ConnectionId, UserPresence User, ClaimsPrincipal Principal);
