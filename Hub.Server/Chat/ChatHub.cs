using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Server.RateLimiting;
using RealtimeHub.Server.Rooms;

namespace RealtimeHub.Server.Chat;

/// <summary>The hub at <c>/hubs/chat</c>. Thin on purpose: identity comes from the token, the work from <see cref="ChatService"/>.</summary>
[Authorize]
public sealed class ChatHub(ChatService chat) : Hub<IChatClient>, IChatHub
{
    private ChatCaller Caller => ChatCaller.From(Context);

    public override async Task OnConnectedAsync()
    {
        if (!await chat.ConnectAsync(Caller, Context.ConnectionAborted))
        {
            // An exception would tell the client never to reconnect. A plain abort is read as a clean close by SignalR's
            // clients (they stop too), but the hub cannot send the close message that allows reconnecting; the lifetime
            // managers do (ReconnectRequest) when the backplane itself is away, which is when presence fails in practice.
            Context.Abort();
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception) => chat.DisconnectAsync(Caller);

    [RoomMembersOnly]
    public Task<RoomSnapshot> JoinRoom(string room) => chat.JoinRoomAsync(Caller, room, Context.ConnectionAborted);

    public Task LeaveRoom(string room) => chat.LeaveRoomAsync(Caller, room, Context.ConnectionAborted);

    [RateLimited]
    [RoomMembersOnly]
    public Task<ChatMessage> SendMessage(string room, string text, string? clientMessageId) =>
        chat.SendMessageAsync(Caller, room, text, clientMessageId, Context.ConnectionAborted);

    [RateLimited]
    public Task<PrivateMessage> SendPrivateMessage(string toUserId, string text, string? clientMessageId) =>
        chat.SendPrivateMessageAsync(Caller, toUserId, text, clientMessageId, Context.ConnectionAborted);

    [RateLimited]
    [RoomMembersOnly]
    public Task SetTyping(string room, bool isTyping) => chat.SetTypingAsync(Caller, room, isTyping);

    [RoomMembersOnly]
    public Task<ChatMessage[]> GetHistory(string room, long afterSequence, int limit) =>
        chat.GetHistoryAsync(Caller, room, afterSequence, limit, Context.ConnectionAborted);

    public Task<UserPresence[]> GetOnlineUsers() => chat.GetOnlineUsersAsync(Context.ConnectionAborted);

    [RateLimited]
    public Task<string> Echo(string payload) => Task.FromResult(payload ?? string.Empty);
}
