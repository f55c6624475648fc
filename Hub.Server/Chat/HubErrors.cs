using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Chat;

/// <summary>Builds the <see cref="HubException"/>s clients see, each starting with a contract prefix from <see cref="ChatErrors"/>.</summary>
public static class HubErrors
{
    public static HubException InvalidRoom(string reason) => Create(ChatErrors.InvalidRoom, reason);

    public static HubException InvalidMessage(string reason) => Create(ChatErrors.InvalidMessage, reason);

    public static HubException NotInRoom(string room) => Create(ChatErrors.NotInRoom, $"join '{room}' first");

    public static HubException RateLimited() => Create(ChatErrors.RateLimited, "slow down");

    public static HubException TooManyRooms(int max) => Create(ChatErrors.TooManyRooms, $"a connection may be in at most {max} rooms");

    public static HubException InvalidUser(string reason) => Create(ChatErrors.InvalidUser, reason);

    public static HubException Unavailable(string detail) => Create(ChatErrors.Unavailable, detail);

    private static HubException Create(string prefix, string detail) => new($"{prefix}: {detail}");
}
