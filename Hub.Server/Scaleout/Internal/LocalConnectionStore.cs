using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Server.Diagnostics;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>
/// The connections, groups and users that live on this node, and the one place that writes to them.
/// Both lifetime managers (memory and Redis) deliver through it, so local delivery and its counting are written once.
/// </summary>
/// <remarks>
/// Membership changes take a lock (they are rare) and replace a group's or user's member array; sends read the current
/// array without a lock or a copy (they are hot). An array of one, the usual user, costs 32 bytes where a dictionary
/// per user cost about 600.
/// </remarks>
internal sealed class LocalConnectionStore
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    // connection id -> the groups it is in; guarded by _membership.
    private readonly Dictionary<string, HashSet<string>> _groupsOfConnection = new(StringComparer.Ordinal);
    // Written only under _membership, as whole new arrays, so a reader always sees a complete member list.
    private readonly ConcurrentDictionary<string, HubConnectionContext[]> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HubConnectionContext[]> _users = new(StringComparer.Ordinal);
    private readonly Lock _membership = new();
    private readonly HubMetrics _metrics;

    public LocalConnectionStore(HubMetrics metrics) => _metrics = metrics;

    public int Count => _connections.Count;

    public ICollection<string> GroupNames => _groups.Keys;

    public HubConnectionContext? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public bool HasGroup(string groupName) => _groups.ContainsKey(groupName);

    public bool HasUser(string userId) => _users.ContainsKey(userId);

    /// <summary>Adds the connection; true when it is its user's first connection on this node.</summary>
    public bool Add(HubConnectionContext connection)
    {
        lock (_membership)
        {
            _connections[connection.ConnectionId] = connection;
            _groupsOfConnection[connection.ConnectionId] = new HashSet<string>(StringComparer.Ordinal);
            return connection.UserIdentifier is { } userId && AddMember(_users, userId, connection);
        }
    }

    /// <summary>Removes the connection from every group and its user; says which groups and user became empty here.</summary>
    public RemovedConnection Remove(string connectionId)
    {
        lock (_membership)
        {
            if (!_connections.TryRemove(connectionId, out var connection) || !_groupsOfConnection.Remove(connectionId, out var groups))
            {
                return new RemovedConnection([], null);
            }

            var emptiedGroups = new List<string>();
            foreach (var group in groups)
            {
                if (RemoveMember(_groups, group, connectionId))
                {
                    emptiedGroups.Add(group);
                }
            }

            var userId = connection.UserIdentifier;
            var emptiedUser = userId is not null && RemoveMember(_users, userId, connectionId) ? userId : null;
            return new RemovedConnection(emptiedGroups, emptiedUser);
        }
    }

    /// <summary>Adds a local connection to a group; true when the group gained its first local member.</summary>
    public bool AddToGroup(string connectionId, string groupName)
    {
        lock (_membership)
        {
            if (!_connections.TryGetValue(connectionId, out var connection) || !_groupsOfConnection[connectionId].Add(groupName))
            {
                return false;
            }

            return AddMember(_groups, groupName, connection);
        }
    }

    /// <summary>Removes a local connection from a group; true when the group lost its last local member.</summary>
    public bool RemoveFromGroup(string connectionId, string groupName)
    {
        lock (_membership)
        {
            if (!_groupsOfConnection.TryGetValue(connectionId, out var groups) || !groups.Remove(groupName))
            {
                return false;
            }

            return RemoveMember(_groups, groupName, connectionId);
        }
    }

    public Task WriteGroupAsync(string groupName, SerializedHubMessage message, IReadOnlyList<string>? excluded, CancellationToken cancellationToken) =>
        _groups.TryGetValue(groupName, out var members)
            ? WriteAsync(members, message, excluded, cancellationToken)
            : Task.CompletedTask;

    public Task WriteUserAsync(string userId, SerializedHubMessage message, CancellationToken cancellationToken) =>
        _users.TryGetValue(userId, out var connections)
            ? WriteAsync(connections, message, null, cancellationToken)
            : Task.CompletedTask;

    public Task WriteConnectionAsync(string connectionId, SerializedHubMessage message, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return Task.CompletedTask;
        }

        _metrics.MessagesDelivered(1);
        return connection.WriteAsync(message, cancellationToken).AsTask();
    }

    public Task WriteAllAsync(SerializedHubMessage message, IReadOnlyList<string>? excluded, CancellationToken cancellationToken)
    {
        List<Task>? pending = null;
        var delivered = 0;
        // Enumerating the dictionary itself (not .Values, which locks and copies) keeps this lock- and copy-free.
        foreach (var (_, connection) in _connections)
        {
            Write(connection, message, excluded, cancellationToken, ref delivered, ref pending);
        }

        return Completed(delivered, pending);
    }

    /// <summary>Writes one serialized message to many connections, awaiting only the writes that did not finish at once.</summary>
    private Task WriteAsync(HubConnectionContext[] targets, SerializedHubMessage message, IReadOnlyList<string>? excluded, CancellationToken cancellationToken)
    {
        List<Task>? pending = null;
        var delivered = 0;
        foreach (var connection in targets)
        {
            Write(connection, message, excluded, cancellationToken, ref delivered, ref pending);
        }

        return Completed(delivered, pending);
    }

    private static void Write(HubConnectionContext connection, SerializedHubMessage message, IReadOnlyList<string>? excluded, CancellationToken cancellationToken, ref int delivered, ref List<Task>? pending)
    {
        if (excluded is not null && IsExcluded(excluded, connection.ConnectionId))
        {
            return;
        }

        delivered++;
        var write = connection.WriteAsync(message, cancellationToken);
        if (!write.IsCompletedSuccessfully)
        {
            (pending ??= []).Add(write.AsTask());
        }
    }

    private Task Completed(int delivered, List<Task>? pending)
    {
        _metrics.MessagesDelivered(delivered);
        return pending is null ? Task.CompletedTask : Task.WhenAll(pending);
    }

    private static bool IsExcluded(IReadOnlyList<string> excluded, string connectionId)
    {
        for (var i = 0; i < excluded.Count; i++)
        {
            if (string.Equals(excluded[i], connectionId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AddMember(ConcurrentDictionary<string, HubConnectionContext[]> index, string key, HubConnectionContext connection)
    {
        var members = index.GetValueOrDefault(key) ?? [];
        if (Array.IndexOf(members, connection) >= 0)
        {
            return false;
        }

        index[key] = [.. members, connection];
        return members.Length == 0;
    }

    private static bool RemoveMember(ConcurrentDictionary<string, HubConnectionContext[]> index, string key, string connectionId)
    {
        if (!index.TryGetValue(key, out var members))
        {
            return false;
        }

        var at = Array.FindIndex(members, member => member.ConnectionId == connectionId);
        if (at < 0)
        {
            return false;
        }

        if (members.Length == 1)
        {
            index.TryRemove(key, out _);
            return true;
        }

        index[key] = [.. members.AsSpan(0, at), .. members.AsSpan(at + 1)];
        return false;
    }
}
