using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Scaleout.Internal;

namespace RealtimeHub.Server.Scaleout;

/// <summary>
/// Embedded mode: every connection lives in this process. Each message is serialized at most once per protocol
/// (<see cref="SerializedHubMessage"/> caches per protocol) and written to each recipient as-is.
/// </summary>
public sealed class InMemoryHubLifetimeManager<THub> : HubLifetimeManager<THub>
    where THub : Hub
{
    private readonly LocalConnectionStore _local;
    private readonly ClientResults _results = new();

    public InMemoryHubLifetimeManager(HubMetrics metrics) => _local = new LocalConnectionStore(metrics);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _local.Add(connection);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _local.Remove(connection.ConnectionId);
        _results.FailConnection(connection.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _local.WriteAllAsync(Serialize(methodName, args), null, cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        _local.WriteAllAsync(Serialize(methodName, args), excludedConnectionIds, cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _local.WriteConnectionAsync(connectionId, Serialize(methodName, args), cancellationToken);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        return Task.WhenAll(connectionIds.Distinct(StringComparer.Ordinal).Select(id => _local.WriteConnectionAsync(id, message, cancellationToken)));
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _local.WriteGroupAsync(groupName, Serialize(methodName, args), null, cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        _local.WriteGroupAsync(groupName, Serialize(methodName, args), excludedConnectionIds, cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        return Task.WhenAll(groupNames.Distinct(StringComparer.Ordinal).Select(group => _local.WriteGroupAsync(group, message, null, cancellationToken)));
    }

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        _local.WriteUserAsync(userId, Serialize(methodName, args), cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var message = Serialize(methodName, args);
        return Task.WhenAll(userIds.Distinct(StringComparer.Ordinal).Select(user => _local.WriteUserAsync(user, message, cancellationToken)));
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        _local.AddToGroup(connectionId, groupName);
        return Task.CompletedTask;
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        _local.RemoveFromGroup(connectionId, groupName);
        return Task.CompletedTask;
    }

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        return _local.Find(connectionId) is { } connection
            ? _results.InvokeLocalAsync<T>(connection, methodName, args, cancellationToken)
            : Task.FromException<T>(new IOException($"Connection '{connectionId}' does not exist."));
    }

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result)
    {
        _results.TryComplete(connectionId, result);
        return Task.CompletedTask;
    }

    public override bool TryGetReturnType(string invocationId, [NotNullWhen(true)] out Type? type) => _results.TryGetType(invocationId, out type);

    private static SerializedHubMessage Serialize(string methodName, object?[] args) =>
        new(new InvocationMessage(methodName, args));
}
