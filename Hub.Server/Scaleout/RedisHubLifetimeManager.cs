using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Scaleout.Internal;
using StackExchange.Redis;

namespace RealtimeHub.Server.Scaleout;

/// <summary>
/// Scale-out over Redis pub/sub. Each message is serialized once per hub protocol, written straight to this node's
/// connections, and published once; other nodes write the published bytes to theirs and this node skips its own echo,
/// so every connection gets each message exactly once. Group and user channels are subscribed only while this node
/// has a member, and group changes for a connection on another node are forwarded to it and acknowledged. Client
/// results cross nodes too: the node holding the connection forwards the raw completion to the node that asked.
/// </summary>
public sealed class RedisHubLifetimeManager<THub> : HubLifetimeManager<THub>, IAsyncDisposable
    where THub : Hub
{
    private readonly LocalConnectionStore _local;
    private readonly ISubscriber _bus;
    private readonly ChannelSubscriptions _subscriptions;
    private readonly BackplaneChannels _channels;
    private readonly IReadOnlyList<IHubProtocol> _protocols;
    private readonly AckHandler _acks = new();
    private readonly ClientResults _results = new();
    private readonly ClientResultBinder _resultBinder;
    private readonly string _nodeId;
    private readonly TimeSpan _ackTimeout;
    private readonly HubMetrics _metrics;
    private readonly ILogger _logger;

    public RedisHubLifetimeManager(
        RedisBackplane backplane,
        IHubProtocolResolver protocols,
        HubMetrics metrics,
        ILogger<RedisHubLifetimeManager<THub>> logger)
    {
        _bus = backplane.Redis.GetSubscriber();
        _subscriptions = new ChannelSubscriptions(_bus);
        _channels = new BackplaneChannels(backplane.Options.ChannelPrefix, typeof(THub).Name, () => backplane.IsCluster);
        _protocols = protocols.AllProtocols;
        _nodeId = backplane.NodeId;
        _ackTimeout = backplane.Options.AckTimeout;
        _metrics = metrics;
        _logger = logger;
        _local = new LocalConnectionStore(metrics);
        _resultBinder = new ClientResultBinder(_results);
        _ = SubscribeInternalChannelsInBackgroundAsync();
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        _local.Add(connection);
        try
        {
            // Idempotent and cheap once done; also heals a node that started while Redis was down.
            await SubscribeInternalChannelsAsync().ConfigureAwait(false);
            var aborted = connection.ConnectionAborted;
            await _subscriptions.EnsureAsync(_channels.Connection(connection.ConnectionId), OnConnectionMessage(connection.ConnectionId), aborted).ConfigureAwait(false);
            if (connection.UserIdentifier is { } userId)
            {
                await _subscriptions.EnsureAsync(_channels.User(userId), OnUserMessage(userId), aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Thrown, this would close the connection with "do not reconnect"; asked to reconnect, the client retries with its backoff.
            BackplaneLog.ConnectRefused(_logger, connection.ConnectionId, ex);
            await OnDisconnectedAsync(connection).ConfigureAwait(false);
            await ReconnectRequest.SendAsync(connection, "unavailable: the backplane is unreachable; reconnect shortly").ConfigureAwait(false);
        }
        catch
        {
            await OnDisconnectedAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        var removed = _local.Remove(connection.ConnectionId);
        _results.FailConnection(connection.ConnectionId); // callers here fail (IOException); proxies tell the nodes that asked
        await _subscriptions.ReleaseAsync(_channels.Connection(connection.ConnectionId), static () => false).ConfigureAwait(false);
        foreach (var group in removed.EmptiedGroups)
        {
            await _subscriptions.ReleaseAsync(_channels.Group(group), () => _local.HasGroup(group)).ConfigureAwait(false);
        }

        if (removed.EmptiedUser is { } userId)
        {
            await _subscriptions.ReleaseAsync(_channels.User(userId), () => _local.HasUser(userId)).ConfigureAwait(false);
        }
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(_channels.All, methodName, args, null, (m, ct) => _local.WriteAllAsync(m, null, ct), cancellationToken);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(_channels.All, methodName, args, excludedConnectionIds, (m, ct) => _local.WriteAllAsync(m, excludedConnectionIds, ct), cancellationToken);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        // A local connection needs no trip through Redis.
        return _local.Find(connectionId) is not null
            ? _local.WriteConnectionAsync(connectionId, Serialize(methodName, args), cancellationToken)
            : PublishAsync(_channels.Connection(connectionId), Envelope(methodName, args, null), cancellationToken);
    }

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var (payload, local) = BackplaneEnvelope.Write(_nodeId, null, new InvocationMessage(methodName, args), _protocols);
        return Task.WhenAll(connectionIds.Distinct(StringComparer.Ordinal).Select(id => _local.Find(id) is not null
            ? _local.WriteConnectionAsync(id, local, cancellationToken)
            : PublishAsync(_channels.Connection(id), payload, cancellationToken)));
    }

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(_channels.Group(groupName), methodName, args, null, (m, ct) => _local.WriteGroupAsync(groupName, m, null, ct), cancellationToken);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(_channels.Group(groupName), methodName, args, excludedConnectionIds, (m, ct) => _local.WriteGroupAsync(groupName, m, excludedConnectionIds, ct), cancellationToken);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var (payload, local) = BackplaneEnvelope.Write(_nodeId, null, new InvocationMessage(methodName, args), _protocols);
        return Task.WhenAll(groupNames.Distinct(StringComparer.Ordinal).SelectMany(group => new[]
        {
            PublishAsync(_channels.Group(group), payload, cancellationToken),
            _local.WriteGroupAsync(group, local, null, cancellationToken),
        }));
    }

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(_channels.User(userId), methodName, args, null, (m, ct) => _local.WriteUserAsync(userId, m, ct), cancellationToken);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default)
    {
        var (payload, local) = BackplaneEnvelope.Write(_nodeId, null, new InvocationMessage(methodName, args), _protocols);
        return Task.WhenAll(userIds.Distinct(StringComparer.Ordinal).SelectMany(user => new[]
        {
            PublishAsync(_channels.User(user), payload, cancellationToken),
            _local.WriteUserAsync(user, local, cancellationToken),
        }));
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_local.Find(connectionId) is null)
        {
            await ForwardGroupCommandAsync(add: true, groupName, connectionId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AddLocalToGroupAsync(connectionId, groupName, cancellationToken).ConfigureAwait(false);
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (_local.Find(connectionId) is null)
        {
            await ForwardGroupCommandAsync(add: false, groupName, connectionId, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RemoveLocalFromGroupAsync(connectionId, groupName).ConfigureAwait(false);
    }

    public override async Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        if (_local.Find(connectionId) is { } connection)
        {
            return await _results.InvokeLocalAsync<T>(connection, methodName, args, cancellationToken).ConfigureAwait(false);
        }

        var invocationId = _results.NextId();
        var result = _results.Add<T>(connectionId, invocationId, cancellationToken);
        var (payload, _) = BackplaneEnvelope.Write(_nodeId, null, new InvocationMessage(invocationId, methodName, args), _protocols, replyTo: _nodeId);
        long receivers;
        try
        {
            receivers = await PublishAsync(_channels.Connection(connectionId), payload, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _results.Remove(invocationId);
            throw;
        }

        if (receivers == 0)
        {
            _results.Remove(invocationId);
            throw new IOException($"Connection '{connectionId}' does not exist.");
        }

        return await result.ConfigureAwait(false);
    }

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result)
    {
        _results.TryComplete(connectionId, result);
        return Task.CompletedTask;
    }

    public override bool TryGetReturnType(string invocationId, [NotNullWhen(true)] out Type? type) => _results.TryGetType(invocationId, out type);

    public async ValueTask DisposeAsync() => await _subscriptions.DisposeAsync().ConfigureAwait(false);

    private async Task AddLocalToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken)
    {
        _local.AddToGroup(connectionId, groupName);

        // Always ensure (not only for the first member): a second joiner must also wait until the channel is confirmed.
        await _subscriptions.EnsureAsync(_channels.Group(groupName), OnGroupMessage(groupName), cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveLocalFromGroupAsync(string connectionId, string groupName)
    {
        if (_local.RemoveFromGroup(connectionId, groupName))
        {
            await _subscriptions.ReleaseAsync(_channels.Group(groupName), () => _local.HasGroup(groupName)).ConfigureAwait(false);
        }
    }

    /// <summary>Writes to local connections and publishes once for the other nodes.</summary>
    private async Task SendAsync(
        RedisChannel channel, string methodName, object?[] args, IReadOnlyList<string>? excluded,
        Func<SerializedHubMessage, CancellationToken, Task> writeLocal, CancellationToken cancellationToken)
    {
        var (payload, local) = BackplaneEnvelope.Write(_nodeId, excluded, new InvocationMessage(methodName, args), _protocols);
        await Task.WhenAll(PublishAsync(channel, payload, cancellationToken), writeLocal(local, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Publishes once and counts it; returns how many nodes were subscribed to the channel.</summary>
    private async Task<long> PublishAsync(RedisChannel channel, byte[] payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var receivers = await _bus.PublishAsync(channel, payload).ConfigureAwait(false);
        _metrics.BackplanePublished();
        return receivers;
    }

    private async Task ForwardGroupCommandAsync(bool add, string groupName, string connectionId, CancellationToken cancellationToken)
    {
        var (id, acked) = _acks.Create(_ackTimeout, $"{(add ? "adding" : "removing")} connection {connectionId} {(add ? "to" : "from")} group {groupName}");
        try
        {
            await PublishAsync(_channels.GroupManagement, new GroupCommand(id, _nodeId, add, groupName, connectionId).Write(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _acks.Complete(id); // nobody will ack a command that was never sent: end the wait now
            throw;
        }

        await acked.ConfigureAwait(false);
    }

    private async Task SubscribeInternalChannelsAsync()
    {
        await _subscriptions.EnsureAsync(_channels.All, OnAllMessage, CancellationToken.None).ConfigureAwait(false);
        await _subscriptions.EnsureAsync(_channels.GroupManagement, OnGroupCommandAsync, CancellationToken.None).ConfigureAwait(false);
        await _subscriptions.EnsureAsync(_channels.Ack(_nodeId), OnAck, CancellationToken.None).ConfigureAwait(false);
        await _subscriptions.EnsureAsync(_channels.Results(_nodeId), OnClientResult, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task SubscribeInternalChannelsInBackgroundAsync()
    {
        try
        {
            await SubscribeInternalChannelsAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Redis is down at start: the first connection after it returns subscribes them (OnConnectedAsync).
            BackplaneLog.InternalSubscribeFailed(_logger, ex);
        }
    }

    private async Task OnGroupCommandAsync(ChannelMessage message)
    {
        var command = GroupCommand.Read(Payload(message));
        if (_local.Find(command.ConnectionId) is null)
        {
            return; // another node holds it (or nobody does: the requester times out)
        }

        if (command.Add)
        {
            await AddLocalToGroupAsync(command.ConnectionId, command.GroupName, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await RemoveLocalFromGroupAsync(command.ConnectionId, command.GroupName).ConfigureAwait(false);
        }

        var ack = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(ack, command.Id);
        await PublishAsync(_channels.Ack(command.RequesterNode), ack, CancellationToken.None).ConfigureAwait(false);
    }

    private Task OnAck(ChannelMessage message)
    {
        _acks.Complete(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(Payload(message).Span));
        return Task.CompletedTask;
    }

    private Func<ChannelMessage, Task> OnGroupMessage(string groupName) =>
        message => Deliver(message, (m, excluded) => _local.WriteGroupAsync(groupName, m, excluded, CancellationToken.None));

    private Func<ChannelMessage, Task> OnUserMessage(string userId) =>
        message => Deliver(message, (m, _) => _local.WriteUserAsync(userId, m, CancellationToken.None));

    private Func<ChannelMessage, Task> OnConnectionMessage(string connectionId) =>
        message => Deliver(message, (m, _) => _local.WriteConnectionAsync(connectionId, m, CancellationToken.None), connectionId);

    private Task OnClientResult(ChannelMessage message)
    {
        try
        {
            var (connectionId, completion) = ClientResultEnvelope.Read(Payload(message), _protocols, _resultBinder);
            _results.TryComplete(connectionId, completion);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            BackplaneLog.CorruptEnvelope(_logger, message.Channel.ToString(), ex);
        }

        return Task.CompletedTask;
    }

    /// <summary>On the node holding the connection: wait for the client's result and send it, raw, to the node that asked.</summary>
    private void ProxyClientResult(string connectionId, ResultRequest request)
    {
        if (_local.Find(connectionId) is not { } connection)
        {
            return;
        }

        var channel = _channels.Results(request.ReplyTo);
        _results.AddProxy(connectionId, request.InvocationId, completion =>
            ObserveWrites(PublishAsync(channel, ClientResultEnvelope.Write(connectionId, connection.Protocol, completion), CancellationToken.None)));
        if (_local.Find(connectionId) is null)
        {
            _results.Disconnect(request.InvocationId); // it left after the check above, maybe before its disconnect saw this proxy
        }
    }

    private Task OnAllMessage(ChannelMessage message) =>
        Deliver(message, (m, excluded) => _local.WriteAllAsync(m, excluded, CancellationToken.None));

    private Task Deliver(ChannelMessage message, Func<SerializedHubMessage, IReadOnlyList<string>?, Task> write, string? connectionId = null)
    {
        ReceivedMessage received;
        try
        {
            received = BackplaneEnvelope.Read(Payload(message));
        }
        catch (InvalidDataException ex)
        {
            BackplaneLog.CorruptEnvelope(_logger, message.Channel.ToString(), ex);
            return Task.CompletedTask;
        }

        if (received.Origin == _nodeId)
        {
            return Task.CompletedTask; // already written locally when it was sent
        }

        if (received.Result is { } request && connectionId is not null)
        {
            ProxyClientResult(connectionId, request);
        }

        // Writes are started in order here (each connection queues its own writes first come, first served) but not
        // awaited: one slow reader must not hold up the channel, and so the room, for everyone else on this node.
        ObserveWrites(write(received.Message, received.Excluded));
        return Task.CompletedTask;
    }

    private static ReadOnlyMemory<byte> Payload(ChannelMessage message) => (ReadOnlyMemory<byte>)message.Message;

    private void ObserveWrites(Task writes)
    {
        if (!writes.IsCompletedSuccessfully)
        {
            writes.ContinueWith(
                static (t, state) => BackplaneLog.LocalWriteFailed((ILogger)state!, t.Exception!),
                _logger, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private static SerializedHubMessage Serialize(string methodName, object?[] args) => new(new InvocationMessage(methodName, args));

    private byte[] Envelope(string methodName, object?[] args, IReadOnlyList<string>? excluded) =>
        BackplaneEnvelope.Write(_nodeId, excluded, new InvocationMessage(methodName, args), _protocols).Payload;
}
