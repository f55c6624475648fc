using System.Buffers;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Chat;

/// <summary>The contract's input rules, in one place for the hub and the token endpoint.</summary>
public static class InputRules
{
    public const int MaxClientMessageIdLength = 128;
    public const int MaxUserIdLength = 128;

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    /// <summary>1–64 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsValidRoom(string? room) => IsName(room, ChatLimits.MaxRoomNameLength);

    /// <summary>1–32 of <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsValidUserName(string? userName) => IsName(userName, ChatLimits.MaxNameLength);

    /// <summary>A user id as tokens carry it: non-empty, bounded, no control characters.</summary>
    public static bool IsValidUserId(string? userId) =>
        !string.IsNullOrWhiteSpace(userId) && userId.Length <= MaxUserIdLength && !userId.Any(char.IsControl);

    /// <summary>Optional; when present, non-empty, bounded and free of control characters.</summary>
    public static bool IsValidClientMessageId(string? id) =>
        id is null || (id.Length is > 0 and <= MaxClientMessageIdLength && !id.Any(char.IsControl));

    private static bool IsName(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(NameChars);
}
