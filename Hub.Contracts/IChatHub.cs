namespace RealtimeHub.Contracts;

/// <summary>Methods a client invokes on the hub at <see cref="HubRoutes.Chat"/>, by these exact names.</summary>
public interface IChatHub
{
    Task<RoomSnapshot> JoinRoom(string room);

    Task LeaveRoom(string room);

    Task<ChatMessage> SendMessage(string room, string text, string? clientMessageId);

    Task<PrivateMessage> SendPrivateMessage(string toUserId, string text, string? clientMessageId);

    Task SetTyping(string room, bool isTyping);

    Task<ChatMessage[]> GetHistory(string room, long afterSequence, int limit);

    Task<UserPresence[]> GetOnlineUsers();

    /// <summary>Returns <paramref name="payload"/> unchanged: a round trip for latency checks and benchmarks. Rate-limited.</summary>
    Task<string> Echo(string payload);
}
