using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeHub.Client.Internal;
using RealtimeHub.Contracts;

namespace RealtimeHub.Client;

/// <summary>
/// A RealtimeHub client over a SignalR <see cref="HubConnection"/> that survives outages: it reconnects by
/// itself (fresh token on every attempt), rejoins its rooms, raises every missed message once and in order,
/// and delivers sends made meanwhile once the connection is back.
/// </summary>
/// <remarks>Events are raised one at a time, in arrival order, on a background loop; handlers should not block for long.</remarks>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ClientSession _session;
    private readonly HubConnection _connection;
    private readonly EventDispatcher _events;
    private readonly RoomTracker _rooms;
    private readonly RoomRecovery _recovery;
    private readonly ReliableSender _sender;

    public ChatClient(ChatClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ChatClient>();
        _session = new ClientSession(options, loggerFactory, _logger, "chat client", ChatClientLog.StateChanged, new ClientSessionHooks
        {
            Reconnecting = Suspend,
            RecoverAsync = RecoverRoomsAsync,
            Connected = OpenSends,
            Disconnected = Close,
        });
        _connection = _session.Connection;
        _events = _session.Events;
        _rooms = new RoomTracker(message => _events.Post(() => MessageReceived?.Invoke(message)));
        _recovery = new RoomRecovery(_rooms, options.GapRepairDelay, _logger);
        _sender = new ReliableSender(options.MaxQueuedSends, options.MaxSendAttempts, _logger);
        Subscribe();
    }

    /// <summary>A room message, each (room, sequence) once and in sequence order, live or caught up after a reconnect.</summary>
    public event Action<ChatMessage>? MessageReceived;

    public event Action<PrivateMessage>? PrivateMessageReceived;

    /// <summary>(room, user): the user's first connection entered the room.</summary>
    public event Action<string, UserPresence>? UserJoined;

    /// <summary>(room, user): the user's last connection left the room.</summary>
    public event Action<string, UserPresence>? UserLeft;

    /// <summary>(room, user, isTyping).</summary>
    public event Action<string, UserPresence, bool>? UserTyping;

    /// <summary>
    /// A service notified this user through the server API. <see cref="Notification.Data"/> is a
    /// <see cref="System.Text.Json.JsonElement"/> on either hub protocol.
    /// </summary>
    public event Action<Notification>? NotificationReceived;

    /// <summary>
    /// (room): this client was taken out of a private room (its grant was revoked, or the room was made private), or
    /// found on rejoining after a reconnect that it may no longer enter it. The room is forgotten, so it is not rejoined.
    /// </summary>
    public event Action<string>? RemovedFromRoom;

    /// <summary>Connecting, connected, each reconnect attempt, disconnected.</summary>
    public event Action<ChatStateChange>? StateChanged
    {
        add => _session.StateChanged += value;
        remove => _session.StateChanged -= value;
    }

    public ChatConnectionState State => _session.State;

    /// <summary>The rooms this client is in, and rejoins after a reconnect.</summary>
    public IReadOnlyList<string> Rooms => _rooms.Rooms;

    /// <summary>Connects, and rejoins and catches up the rooms of an earlier session. Call again after <see cref="ChatConnectionState.Disconnected"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _session.StartAsync(cancellationToken);

    /// <summary>Disconnects. Rooms are remembered and rejoined by the next <see cref="StartAsync"/>; queued sends fail.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _session.StopAsync(cancellationToken);

    public async Task<RoomSnapshot> JoinRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        var isNew = _rooms.TryBeginJoin(room);
        try
        {
            var snapshot = await _connection.InvokeAsync<RoomSnapshot>(nameof(IChatHub.JoinRoom), room, cancellationToken).ConfigureAwait(false);
            if (isNew)
            {
                // The snapshot's messages are the caller's to show; live messages continue after them, in its epoch
                // (or from 0 in a newer one that a live message already brought, which history then fills in).
                _rooms.Settle(room, snapshot.Epoch, snapshot.LastSequence);
                if (_rooms.GapStart(room) is not null)
                {
                    _recovery.ScheduleGapRepair(_connection, room, _session.Lifetime);
                }
            }

            return snapshot;
        }
        catch
        {
            if (isNew)
            {
                _rooms.Forget(room);
            }

            throw;
        }
    }

    public async Task LeaveRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        _rooms.Forget(room);
        if (_connection.State == HubConnectionState.Connected)
        {
            await _connection.InvokeAsync(nameof(IChatHub.LeaveRoom), room, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends to a room and returns the stored message. While reconnecting the send waits in a bounded queue
    /// (<see cref="ChatClientOptions.MaxQueuedSends"/>; throws when full). <paramref name="clientMessageId"/>
    /// (a new GUID when null) makes retries safe: the server stores the message once.
    /// </summary>
    public Task<ChatMessage> SendMessageAsync(string room, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var id = clientMessageId ?? NewClientMessageId();
        return _sender.SendAsync(c => c.InvokeAsync<ChatMessage>(nameof(IChatHub.SendMessage), room, text, id), cancellationToken);
    }

    /// <summary>Sends a private message; queued and retried like <see cref="SendMessageAsync"/>.</summary>
    public Task<PrivateMessage> SendPrivateMessageAsync(string toUserId, string text, string? clientMessageId = null, CancellationToken cancellationToken = default)
    {
        var id = clientMessageId ?? NewClientMessageId();
        return _sender.SendAsync(c => c.InvokeAsync<PrivateMessage>(nameof(IChatHub.SendPrivateMessage), toUserId, text, id), cancellationToken);
    }

    /// <summary>Tells the room whether this user is typing. Not queued: while disconnected it does nothing.</summary>
    public Task SetTypingAsync(string room, bool isTyping, CancellationToken cancellationToken = default) =>
        _connection.State == HubConnectionState.Connected
            ? _connection.InvokeAsync(nameof(IChatHub.SetTyping), room, isTyping, cancellationToken)
            : Task.CompletedTask;

    public Task<ChatMessage[]> GetHistoryAsync(string room, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<ChatMessage[]>(nameof(IChatHub.GetHistory), room, afterSequence, limit, cancellationToken);

    public Task<UserPresence[]> GetOnlineUsersAsync(CancellationToken cancellationToken = default) =>
        _connection.InvokeAsync<UserPresence[]>(nameof(IChatHub.GetOnlineUsers), cancellationToken);

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private static string NewClientMessageId() => Guid.NewGuid().ToString("N");

    private void Subscribe()
    {
        _connection.On<ChatMessage>(nameof(IChatClient.MessageReceived), OnMessage);
        _connection.On<PrivateMessage>(nameof(IChatClient.PrivateMessageReceived), m => _events.Post(() => PrivateMessageReceived?.Invoke(m)));
        _connection.On<string, UserPresence>(nameof(IChatClient.UserJoined), (room, user) => _events.Post(() => UserJoined?.Invoke(room, user)));
        _connection.On<string, UserPresence>(nameof(IChatClient.UserLeft), (room, user) => _events.Post(() => UserLeft?.Invoke(room, user)));
        _connection.On<string, UserPresence, bool>(
            nameof(IChatClient.UserTyping), (room, user, typing) => _events.Post(() => UserTyping?.Invoke(room, user, typing)));
        _connection.On<Notification>(
            nameof(IChatClient.NotificationReceived),
            n => _events.Post(() => NotificationReceived?.Invoke(n with { Data = NotificationData.ToJson(n.Data) })));
        _connection.On<string>(nameof(IChatClient.RemovedFromRoom), room =>
        {
            _rooms.Forget(room);
            _events.Post(() => RemovedFromRoom?.Invoke(room));
        });

    }

    private void OnMessage(ChatMessage message)
    {
        if (_rooms.Accept(message))
        {
            _recovery.ScheduleGapRepair(_connection, message.Room, _session.Lifetime);
        }
    }

    /// <summary>The connection was lost: rooms wait for their catch-up, sends queue.</summary>
    private void Suspend()
    {
        _rooms.SuspendAll();
        _sender.Pause();
    }

    /// <summary>After (re)connecting: rejoin and catch up every room. False when the connection went away again.</summary>
    private async Task<bool> RecoverRoomsAsync()
    {
        foreach (var room in _rooms.Rooms)
        {
            if (!await TryRecoverRoomAsync(room).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> TryRecoverRoomAsync(string room)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _recovery.RecoverAsync(_connection, room, _session.Lifetime).ConfigureAwait(false);
                return true;
            }
            catch (HubException ex) when (_connection.State == HubConnectionState.Connected && IsPermanentRefusal(ex))
            {
                // The hub refused the room for good (invalid, too many rooms, or made private meanwhile); keep the connection, drop the room.
                ChatClientLog.RejoinRefused(_logger, room, ex);
                _rooms.Forget(room);
                if (ChatErrorText.HasPrefix(ex, ChatErrors.ForbiddenRoom))
                {
                    _events.Post(() => RemovedFromRoom?.Invoke(room)); // made private while this client was away
                }

                return true;
            }
            catch (HubException ex) when (_connection.State == HubConnectionState.Connected && !_session.Lifetime.IsCancellationRequested)
            {
                // Connected, but the server could not serve the rejoin (its backplane is briefly down): no Reconnected
                // event will come to start over, so try again after a short, growing pause.
                ChatClientLog.RecoveryRetrying(_logger, room, ex);
                if (!await _session.PauseBeforeRetryAsync(attempt).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (Exception ex)
            {
                ChatClientLog.RecoveryInterrupted(_logger, ex);
                return false;
            }
        }
    }

    /// <summary>Only a rule violation drops a room; a transient error (<c>unavailable</c>, the backplane is down) retries.</summary>
    private static bool IsPermanentRefusal(HubException error) =>
        ChatErrorText.HasPrefix(error, ChatErrors.InvalidRoom) || ChatErrorText.HasPrefix(error, ChatErrors.TooManyRooms)
        || ChatErrorText.HasPrefix(error, ChatErrors.ForbiddenRoom);

    private void OpenSends() => _sender.Open(_connection);

    private void Close(InvalidOperationException reason)
    {
        _rooms.SuspendAll();
        _sender.Close(reason);
    }
}
