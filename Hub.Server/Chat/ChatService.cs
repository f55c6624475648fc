using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Chat;

/// <summary>
/// What the hub's methods do: validation, presence, history and broadcasts. Talks to clients only through
/// <see cref="IHubContext{THub, T}"/>, so it works the same on one node or many.
/// </summary>
public sealed class ChatService(
    IHubContext<ChatHub, IChatClient> hub,
    IPresenceTracker presence,
    IMessageStore store,
    ChatInput input,
    IOptionsMonitor<ChatOptions> options,
    HubMetrics metrics,
    TimeProvider time,
    ILogger<ChatService> logger)
{
    /// <summary>
    /// Registers the connection; false when presence is unreachable, in which case the hub aborts the connection so the
    /// client reconnects (throwing here would close it with "do not reconnect").
    /// </summary>
    public async Task<bool> ConnectAsync(ChatCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            await presence.ConnectAsync(caller.ConnectionId, caller.User, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false; // already aborted (the backplane could not take it): throwing would tell the client not to come back
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ChatLog.PresenceUnavailableOnConnect(logger, caller.ConnectionId, ex);
            return false;
        }

        ChatLog.Connected(logger, caller.ConnectionId, caller.User.UserId);
        return true;
    }

    public async Task DisconnectAsync(ChatCaller caller)
    {
        IReadOnlyList<string> roomsLeft;
        try
        {
            roomsLeft = await presence.DisconnectAsync(caller.ConnectionId);
        }
        catch (Exception ex)
        {
            // Presence is unreachable (Redis down): it re-synchronizes from this node's state when it returns and
            // announces the departures then, so there is nothing to announce now.
            ChatLog.PresenceUnavailableOnDisconnect(logger, caller.ConnectionId, ex);
            return;
        }

        foreach (var room in roomsLeft)
        {
            await hub.Clients.Group(room).UserLeft(room, caller.User);
        }

        ChatLog.Disconnected(logger, caller.ConnectionId, caller.User.UserId, roomsLeft.Count);
    }

    public async Task<RoomSnapshot> JoinRoomAsync(ChatCaller caller, string? roomName, CancellationToken cancellationToken)
    {
        var room = input.Room(roomName);
        if (!presence.IsInRoom(caller.ConnectionId, room))
        {
            var max = options.CurrentValue.MaxRoomsPerConnection;
            if (presence.CountRooms(caller.ConnectionId) >= max)
            {
                throw HubErrors.TooManyRooms(max);
            }

            // Join the group before reading the snapshot, so no message falls between the two.
            await hub.Groups.AddToGroupAsync(caller.ConnectionId, room, cancellationToken);
            bool firstConnection;
            try
            {
                firstConnection = await presence.JoinRoomAsync(caller.ConnectionId, room, cancellationToken);
            }
            catch
            {
                // Presence rolled its side back; the group must not keep a connection that is not in the room.
                await hub.Groups.RemoveFromGroupAsync(caller.ConnectionId, room, CancellationToken.None);
                throw;
            }

            if (firstConnection)
            {
                await hub.Clients.GroupExcept(room, caller.ConnectionId).UserJoined(room, caller.User);
            }

            ChatLog.Joined(logger, caller.ConnectionId, room);
        }

        var members = await presence.GetRoomMembersAsync(room, cancellationToken);
        var head = await store.GetHeadAsync(room, ChatLimits.SnapshotRecentCount, cancellationToken);
        return new RoomSnapshot(room, head.Epoch, members, head.Recent, head.LastSequence);
    }

    public async Task LeaveRoomAsync(ChatCaller caller, string? roomName, CancellationToken cancellationToken)
    {
        var room = input.Room(roomName);
        if (!presence.IsInRoom(caller.ConnectionId, room))
        {
            return; // Leaving twice is harmless; a client retrying a leave must not see an error.
        }

        var lastConnection = await presence.LeaveRoomAsync(caller.ConnectionId, room, cancellationToken);
        await hub.Groups.RemoveFromGroupAsync(caller.ConnectionId, room, cancellationToken);
        if (lastConnection)
        {
            await hub.Clients.Group(room).UserLeft(room, caller.User);
        }

        ChatLog.Left(logger, caller.ConnectionId, room);
    }

    public async Task<ChatMessage> SendMessageAsync(ChatCaller caller, string? roomName, string? text, string? clientMessageId, CancellationToken cancellationToken)
    {
        var room = RoomOfCaller(caller, roomName);
        var draft = new MessageDraft(room, caller.User.UserId, caller.User.Name, input.Text(text), input.ClientMessageId(clientMessageId));
        return (await PostMessageAsync(draft, cancellationToken)).Message;
    }

    /// <summary>
    /// Stores a validated room message and broadcasts it to the room: the one path for members' messages and for
    /// messages other services post. A retry of a stored message returns the original, and broadcasts it only when the
    /// store hands this caller the broadcast (the original stayed unconfirmed past <see cref="ChatOptions.RebroadcastAfter"/>).
    /// </summary>
    public async Task<Stored<ChatMessage>> PostMessageAsync(MessageDraft draft, CancellationToken cancellationToken)
    {
        var stored = await store.AppendAsync(draft, cancellationToken);
        if (stored.Created)
        {
            metrics.MessageReceived();
        }

        if (stored.MustBroadcast)
        {
            await BroadcastRoomMessageAsync(stored.Message);
        }

        return stored;
    }

    /// <summary>
    /// Broadcasts a stored room message and confirms it to the store. Unconfirmed (the broadcast failed, or this node
    /// dies first), it is claimed again by the sender's retry or by <see cref="UnbroadcastSweeper"/>.
    /// </summary>
    public async Task BroadcastRoomMessageAsync(ChatMessage message)
    {
        if (await BroadcastStoredAsync(message.Id, () => hub.Clients.Group(message.Room).MessageReceived(message)))
        {
            store.ConfirmBroadcast(message);
        }
    }

    public async Task<PrivateMessage> SendPrivateMessageAsync(ChatCaller caller, string? toUserId, string? text, string? clientMessageId, CancellationToken cancellationToken)
    {
        var message = new PrivateMessage(
            Guid.NewGuid().ToString("N"), caller.User.UserId, caller.User.Name, input.UserId(toUserId),
            input.Text(text), time.GetUtcNow().UtcDateTime, input.ClientMessageId(clientMessageId));
        var stored = await store.RecordPrivateAsync(message, cancellationToken);
        if (stored.Created)
        {
            metrics.MessageReceived();
            string[] users = message.ToUserId == message.FromUserId ? [message.FromUserId] : [message.ToUserId, message.FromUserId];
            await BroadcastStoredAsync(message.Id, () => hub.Clients.Users(users).PrivateMessageReceived(stored.Message));
        }

        return stored.Message;
    }

    public Task SetTypingAsync(ChatCaller caller, string? roomName, bool isTyping)
    {
        var room = RoomOfCaller(caller, roomName);
        return hub.Clients.GroupExcept(room, caller.ConnectionId).UserTyping(room, caller.User, isTyping);
    }

    public async Task<ChatMessage[]> GetHistoryAsync(ChatCaller caller, string? roomName, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var room = RoomOfCaller(caller, roomName);
        var page = await store.GetAfterAsync(room, Math.Max(0, afterSequence), input.HistoryLimit(limit), cancellationToken);
        return [.. page];
    }

    public async Task<UserPresence[]> GetOnlineUsersAsync(CancellationToken cancellationToken) =>
        [.. await presence.GetOnlineUsersAsync(cancellationToken)];

    /// <summary>
    /// Once a message is stored the caller must hear so, even if telling the others failed: reporting a failure would
    /// invite a retry that the store treats as already done. An unconfirmed room message is broadcast again later.
    /// </summary>
    private async Task<bool> BroadcastStoredAsync(string messageId, Func<Task> broadcast)
    {
        try
        {
            await broadcast();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ChatLog.BroadcastFailed(logger, messageId, ex);
            return false;
        }
    }

    private string RoomOfCaller(ChatCaller caller, string? roomName)
    {
        var room = input.Room(roomName);
        return presence.IsInRoom(caller.ConnectionId, room) ? room : throw HubErrors.NotInRoom(room);
    }
}
