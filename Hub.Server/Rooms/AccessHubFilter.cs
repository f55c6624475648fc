using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Authentication;

namespace RealtimeHub.Server.Rooms;

/// <summary>
/// Refuses hub methods marked with a <see cref="MembersOnlyAttribute"/> with the kind's <c>forbidden …</c> error when the
/// caller's role in the named room or document is below the method's, and keeps <see cref="LocalHubConnections"/> up to
/// date. An invalid name is left to the method, which refuses it with the kind's <c>invalid …</c> error.
/// </summary>
public sealed class AccessHubFilter(IAccessControl access, LocalHubConnections connections) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, MembersOnlyAttribute?> Rules = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (Rules.GetOrAdd(invocationContext.HubMethod, static m => m.GetCustomAttribute<MembersOnlyAttribute>()) is not { } rule
            || invocationContext.HubMethodArguments is not [string name, ..]
            || !rule.Kind.IsValidName(name))
        {
            return await next(invocationContext);
        }

        var context = invocationContext.Context;
        using var call = connections.BeginCall(context.ConnectionId);
        var role = await access.GetRoleAsync(rule.Kind, name, context.UserIdentifier ?? string.Empty, context.User.Names(rule.Kind, name), context.ConnectionAborted);
        if (role < rule.Role)
        {
            throw Forbidden(rule.Kind, name, role);
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

    private static HubException Forbidden(AccessKind kind, string name, AccessRole role) => new(role == AccessRole.None
        ? $"{kind.Forbidden}: '{name}' is private and you are not a member"
        : $"{kind.Forbidden}: you may read '{name}' but not write it");
}
