using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Authentication;

namespace RealtimeHub.Server.Chat;

/// <summary>The connection making a hub call and the user its token names. Never built from a payload.</summary>
public sealed record ChatCaller(string ConnectionId, UserPresence User)
{
    public static ChatCaller From(HubCallerContext context) =>
        new(context.ConnectionId, context.User.ToPresence());
}
