namespace RealtimeHub.Contracts;

/// <summary>Events the hub raises on its clients.</summary>
public interface IChatClient
{
    Task MessageReceived(ChatMessage message);

    Task PrivateMessageReceived(PrivateMessage message);

    Task UserJoined(string room, UserPresence user);

    Task UserLeft(string room, UserPresence user);

    Task UserTyping(string room, UserPresence user, bool isTyping);

    /// <summary>A service notified this user through the server API; raised on every live connection of the user.</summary>
    Task NotificationReceived(Notification notification);

    /// <summary>This connection was taken out of a private room: its grant was revoked, or the room was made private.</summary>
    Task RemovedFromRoom(string room);
}
