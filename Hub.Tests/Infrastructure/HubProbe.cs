using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Client;
using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A bare <see cref="HubConnection"/> that records every event exactly as the server sent it. Server-rule tests use it
/// rather than ChatClient, whose de-duplication would hide a server that sent something twice.
/// </summary>
public sealed class HubProbe : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProbe(HubConnection connection, string userId)
    {
        Connection = connection;
        UserId = userId;
        connection.On<ChatMessage>(nameof(IChatClient.MessageReceived), m => Messages.Add(m));
        connection.On<PrivateMessage>(nameof(IChatClient.PrivateMessageReceived), m => Privates.Add(m));
        connection.On<string, UserPresence>(nameof(IChatClient.UserJoined), (room, user) => Joined.Add(new RoomEvent(room, user)));
        connection.On<string, UserPresence>(nameof(IChatClient.UserLeft), (room, user) => Left.Add(new RoomEvent(room, user)));
        connection.On<string, UserPresence, bool>(nameof(IChatClient.UserTyping), (room, user, typing) => Typing.Add(new TypingEvent(room, user, typing)));
        connection.On<Notification>(
            nameof(IChatClient.NotificationReceived), n => Notifications.Add(n with { Data = RealtimeHub.Client.Internal.NotificationData.ToJson(n.Data) }));
        connection.On<string>(nameof(IChatClient.RemovedFromRoom), room => Removed.Add(room));
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public string UserId { get; }

    public EventLog<ChatMessage> Messages { get; } = new();

    public EventLog<PrivateMessage> Privates { get; } = new();

    public EventLog<RoomEvent> Joined { get; } = new();

    public EventLog<RoomEvent> Left { get; } = new();

    public EventLog<TypingEvent> Typing { get; } = new();

    /// <summary>Notifications, their data as a JsonElement whichever protocol carried it.</summary>
    public EventLog<Notification> Notifications { get; } = new();

    /// <summary>Rooms the server took this connection out of.</summary>
    public EventLog<string> Removed { get; } = new();

    /// <summary>Completes when the server (or the transport) closes the connection.</summary>
    public Task<Exception?> Closed => _closed.Task;

    public static async Task<HubProbe> ConnectAsync(
        HubNode node, string userId, string? name = null, string? token = null, ChatProtocol protocol = ChatProtocol.Json)
    {
        token ??= TestAuth.CreateToken(userId, name);
        var builder = new HubConnectionBuilder()
            .WithUrl(node.HubUri, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (protocol == ChatProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol(ContractMessagePack.Configure);
        }

        var connection = builder.Build();
        var probe = new HubProbe(connection, userId);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await connection.StartAsync(timeout.Token);

        // The handshake completes before the node has subscribed the connection's user and connection channels; the
        // first call is answered only after, so once it returns, sends from any node reach this probe.
        await connection.InvokeAsync<UserPresence[]>(nameof(IChatHub.GetOnlineUsers), timeout.Token);
        return probe;
    }

    public Task<RoomSnapshot> JoinRoomAsync(string room) => Connection.InvokeAsync<RoomSnapshot>(nameof(IChatHub.JoinRoom), room);

    public Task LeaveRoomAsync(string room) => Connection.InvokeAsync(nameof(IChatHub.LeaveRoom), room);

    public Task<ChatMessage> SendMessageAsync(string room, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<ChatMessage>(nameof(IChatHub.SendMessage), room, text, clientMessageId);

    public Task<PrivateMessage> SendPrivateMessageAsync(string toUserId, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<PrivateMessage>(nameof(IChatHub.SendPrivateMessage), toUserId, text, clientMessageId);

    public Task SetTypingAsync(string room, bool isTyping) => Connection.InvokeAsync(nameof(IChatHub.SetTyping), room, isTyping);

    public Task<ChatMessage[]> GetHistoryAsync(string room, long afterSequence, int limit) =>
        Connection.InvokeAsync<ChatMessage[]>(nameof(IChatHub.GetHistory), room, afterSequence, limit);

    public Task<UserPresence[]> GetOnlineUsersAsync() => Connection.InvokeAsync<UserPresence[]>(nameof(IChatHub.GetOnlineUsers));

    /// <summary>Waits until this probe has received the message with this id: a barrier for "nothing else came before it".</summary>
    public Task WaitForMessageAsync(ChatMessage message) =>
        Messages.WaitUntilAsync(all => all.Any(m => m.Id == message.Id), $"message {message.Sequence} in {message.Room}");

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
