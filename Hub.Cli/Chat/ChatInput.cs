namespace RealtimeHub.Cli.Chat;

/// <summary>One parsed line of <c>chat</c> input.</summary>
public sealed record ChatInput(ChatInputKind Kind, string? Target = null, string? Text = null, int Count = 0)
{
    public const string Usage = "/join ROOM · /leave [ROOM] · /who · /msg USER TEXT · /history [N] · /help · /quit · anything else is said in the current room";

    private const int DefaultHistoryCount = 20;

    public static ChatInput Parse(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('/') || trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            // "//text" says "/text" in the room.
            return new(ChatInputKind.Say, Text: trimmed.StartsWith("//", StringComparison.Ordinal) ? trimmed[1..] : trimmed);
        }

        var parts = trimmed.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var argument = parts.Length > 1 ? parts[1] : null;
        return parts[0].ToLowerInvariant() switch
        {
            "/join" when argument is not null => new(ChatInputKind.Join, argument),
            "/leave" => new(ChatInputKind.Leave, argument),
            "/who" => new(ChatInputKind.Who),
            "/msg" when parts.Length == 3 => new(ChatInputKind.Msg, argument, parts[2]),
            "/history" when argument is null => new(ChatInputKind.History, Count: DefaultHistoryCount),
            "/history" when int.TryParse(argument, out var count) && count > 0 => new(ChatInputKind.History, Count: count),
            "/help" => new(ChatInputKind.Help),
            "/quit" or "/exit" => new(ChatInputKind.Quit),
            _ => new(ChatInputKind.Invalid, Text: $"not understood: {trimmed} — {Usage}"),
        };
    }
}
