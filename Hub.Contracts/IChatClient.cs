namespace RealtimeHub.Contracts;

/// <summary>Events the hub raises on its clients.</summary>
public interface IChatClient
{
    Task MessageReceived(ChatMessage message);

    Task PrivateMessageReceived(PrivateMessage message);

    Task UserJoined(string room, UserPresence user);

    Task UserLeft(string room, UserPresence user);

    Task UserTyping(string room, UserPresence user, bool isTyping);
}
