using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Authentication;

namespace RealtimeHub.Server.Documents;

/// <summary>The connection making a document hub call, the user its token names, and the principal (for the <c>documents</c> claim). Never built from a payload.</summary>
public sealed record DocumentCaller(string ConnectionId, UserPresence User, ClaimsPrincipal Principal)
{
    public static DocumentCaller From(HubCallerContext context) =>
        new(context.ConnectionId, context.User.ToPresence(), context.User!);
}
