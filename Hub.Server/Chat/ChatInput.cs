using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;

namespace RealtimeHub.Server.Chat;

/// <summary>Checks hub arguments and throws the contract's errors; returns the normalized value.</summary>
public sealed class ChatInput(IOptionsMonitor<ChatOptions> options)
{
    public string Room(string? room) =>
        InputRules.IsValidRoom(room) ? room! : throw HubErrors.InvalidRoom($"use 1–{ChatLimits.MaxRoomNameLength} of A-Z a-z 0-9 _ . -");

    public string Text(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw HubErrors.InvalidMessage("text is empty");
        }

        var max = options.CurrentValue.MaxMessageLength;
        return trimmed.Length <= max ? trimmed : throw HubErrors.InvalidMessage($"text is longer than {max} characters");
    }

    public string? ClientMessageId(string? id) =>
        InputRules.IsValidClientMessageId(id) ? id : throw HubErrors.InvalidMessage($"clientMessageId must be 1–{InputRules.MaxClientMessageIdLength} characters");

    public string UserId(string? userId) =>
        InputRules.IsValidUserId(userId) ? userId! : throw HubErrors.InvalidUser("toUserId is empty or malformed");

    public int HistoryLimit(int limit) =>
        limit is >= 1 and <= ChatLimits.MaxHistoryPage ? limit : throw HubErrors.InvalidMessage($"limit must be 1–{ChatLimits.MaxHistoryPage}");
}
