using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Scaleout.Internal;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout.Official;

/// <summary>
/// The official Redis backplane (<c>Redis:Backplane=signalr</c>) with one change. When Redis is away, its
/// <c>OnConnectedAsync</c> throws, and SignalR answers a throwing <c>OnConnectedAsync</c> with a close message that
/// forbids reconnecting: every client connecting during a Redis restart gave up for good. Here such a connection gets
/// a close message that allows reconnecting instead, and clients retry with their usual backoff. And calls that need an
/// answer from another node (connecting, remote group changes, client results) first wait, briefly, until the manager
/// listens for answers (<see cref="OfficialBackplaneConnection.Subscribed"/>).
/// </summary>
public sealed class ReconnectingHubLifetimeManager<THub>(
    Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisHubLifetimeManager<THub> inner,
    OfficialBackplaneConnection redis,
    IOptions<RedisOptions> options,
    ILogger<ReconnectingHubLifetimeManager<THub>> logger)
    : HubLifetimeManager<THub>
    where THub : Hub
{
    private int _gaveUpWaiting;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        try
        {
            await SubscribedAsync().ConfigureAwait(false);
            await inner.OnConnectedAsync(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            BackplaneLog.ConnectRefused(logger, connection.ConnectionId, ex);
            await ReconnectRequest.SendAsync(connection, "unavailable: the backplane is unreachable; reconnect shortly").ConfigureAwait(false);
        }
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection) => inner.OnDisconnectedAsync(connection);

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendAllAsync(methodName, args, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendGroupAsync(groupName, methodName, args, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendUserAsync(userId, methodName, args, cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        inner.SendUsersAsync(userIds, methodName, args, cancellationToken);

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await SubscribedAsync().ConfigureAwait(false);
        await inner.AddToGroupAsync(connectionId, groupName, cancellationToken).ConfigureAwait(false);
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await SubscribedAsync().ConfigureAwait(false);
        await inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        await SubscribedAsync().ConfigureAwait(false);
        return await inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken).ConfigureAwait(false);
    }

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) =>
        inner.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [NotNullWhen(true)] out Type? type) =>
        inner.TryGetReturnType(invocationId, out type);

    /// <summary>
    /// Done at once when the manager listens. Otherwise waits up to <see cref="RedisOptions.AckTimeout"/>, once: if its
    /// subscriptions failed (Redis away when the node started), the manager never retries them, and waiting on every
    /// call would only add the timeout to each (the readiness check keeps reporting the node not ready).
    /// </summary>
    private async ValueTask SubscribedAsync()
    {
        if (redis.Subscribed.IsCompleted || Volatile.Read(ref _gaveUpWaiting) == 1)
        {
            return;
        }

        try
        {
            await redis.Subscribed.WaitAsync(options.Value.AckTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (Interlocked.Exchange(ref _gaveUpWaiting, 1) == 0)
            {
                BackplaneLog.OfficialNotSubscribed(logger, options.Value.AckTimeout);
            }
        }
    }
}
