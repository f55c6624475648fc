using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Refuses hub methods marked <see cref="RoomMembersOnlyAttribute"/> with <c>forbidden room</c> when the room is private
/// and the caller is not a member, and keeps <see cref="LocalRoomConnections"/> up to date. An invalid room name is
/// left to the method, which refuses it with <c>invalid room</c>.
/// </summary>
public sealed class RoomAccessHubFilter(IAccessControl access, LocalRoomConnections connections) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> CheckedMethods = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (!CheckedMethods.GetOrAdd(invocationContext.HubMethod, static m => m.IsDefined(typeof(RoomMembersOnlyAttribute)))
            || invocationContext.HubMethodArguments is not [string room, ..]
            || !InputRules.IsValidRoom(room))
        {
            return await next(invocationContext);
        }

        var context = invocationContext.Context;
        using var call = connections.BeginCall(context.ConnectionId);
        var user = context.User;
        var userId = context.UserIdentifier ?? string.Empty;
        if (!await access.AdmitsAsync(AccessKind.Room, room, userId, user.Names(AccessKind.Room, room), context.ConnectionAborted))
        {
            throw HubErrors.ForbiddenRoom(room);
        }

        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        var caller = context.Context;
        connections.Add(caller.ConnectionId, caller.User.ToPresence(), caller.User!);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            connections.Remove(context.Context.ConnectionId);
        }
    }
}
