using System.Security.Claims;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Rooms;

/// <summary>One of this node's connections: its user, and the principal its token gave it (for the <c>rooms</c> claim).</summary>
public sealed record LocalRoomConnection(string ConnectionId, UserPresence User, ClaimsPrincipal Principal);
