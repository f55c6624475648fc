using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.History;

namespace RealtimeHub.Server.Api;

/// <summary>The API's input rules: the hub's own (<see cref="InputRules"/>, <see cref="ChatInput"/>) plus notification types and data.</summary>
public sealed class ApiInput(ChatInput chat)
{
    private static readonly SearchValues<char> TypeChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-");

    /// <summary>Null when the room name is valid, else the problem.</summary>
    public static string? Room(string room) => Name(AccessKind.Room, room);

    /// <summary>Null when the name of a room or feed is valid, else the problem, worded for the kind (<c>invalid room</c>, <c>invalid feed</c>).</summary>
    public static string? Name(AccessKind kind, string name) =>
        kind.IsValidName(name) ? null : $"{kind.InvalidName}: use 1–{ChatLimits.MaxRoomNameLength} of A-Z a-z 0-9 _ . -";

    public static string? UserId(string userId) =>
        InputRules.IsValidUserId(userId) ? null : $"{ChatErrors.InvalidUser}: userId is empty or malformed";

    /// <summary>The draft for a posted message, or the problem with it.</summary>
    public (MessageDraft? Draft, string? Problem) Message(string room, PostMessageRequest? body)
    {
        if (body is null)
        {
            return (null, "a JSON body { senderId, senderName?, text, clientMessageId? } is required");
        }

        if (!InputRules.IsValidUserName(body.SenderId) || (body.SenderName is not null && !InputRules.IsValidUserName(body.SenderName)))
        {
            return (null, $"{ChatErrors.InvalidUser}: senderId and senderName must be 1–{ChatLimits.MaxNameLength} of A-Z a-z 0-9 _ . -");
        }

        try
        {
            return (new MessageDraft(room, body.SenderId, body.SenderName ?? body.SenderId, chat.Text(body.Text), chat.ClientMessageId(body.ClientMessageId)), null);
        }
        catch (HubException ex)
        {
            return (null, ex.Message);
        }
    }

    public string? HistoryPage(long after, int limit) =>
        after < 0 ? $"{ChatErrors.InvalidMessage}: after must be 0 or more"
        : limit is < 1 or > ChatLimits.MaxHistoryPage ? $"{ChatErrors.InvalidMessage}: limit must be 1–{ChatLimits.MaxHistoryPage}"
        : null;

    public static string? NotificationType(string? type) =>
        !string.IsNullOrEmpty(type) && type.Length <= ApiLimits.MaxNotificationTypeLength && !type.AsSpan().ContainsAnyExcept(TypeChars)
            ? null
            : $"type must be 1–{ApiLimits.MaxNotificationTypeLength} of A-Z a-z 0-9 _ . : -";

    public static bool DataFits(JsonElement data) =>
        data.ValueKind == JsonValueKind.Undefined || Encoding.UTF8.GetByteCount(data.GetRawText()) <= ApiLimits.MaxNotificationDataBytes;

    public static AccessLevel? Access(RoomAccessRequest? body) => body?.Access switch
    {
        RoomAccess.Open => AccessLevel.Open,
        RoomAccess.Private => AccessLevel.Private,
        _ => null,
    };
}
