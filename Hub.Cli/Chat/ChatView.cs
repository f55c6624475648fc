using RealtimeHub.Cli.Commands;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using Spectre.Console;

namespace RealtimeHub.Cli.Chat;

/// <summary>
/// Writes what happens in a chat session as lines on the console. Everything users typed is passed as an
/// interpolated value, which Spectre escapes, so nobody can inject markup.
/// </summary>
internal sealed class ChatView(IAnsiConsole console)
{
    private readonly Lock _sync = new();

    public void Message(ChatMessage message) =>
        Write($"[grey]{message.SentAt.ToLocalTime():HH:mm:ss}[/] [blue]#{message.Room}[/] [bold]{message.SenderName}[/]: {message.Text}");

    public void Private(PrivateMessage message) =>
        Write($"[grey]{message.SentAt.ToLocalTime():HH:mm:ss}[/] [magenta]{message.FromName} → {message.ToUserId}[/]: {message.Text}");

    public void Joined(string room, UserPresence user) => Write($"[grey]→ {user.Name} joined #{room}[/]");

    public void Left(string room, UserPresence user) => Write($"[grey]← {user.Name} left #{room}[/]");

    public void Typing(string room, UserPresence user) => Write($"[grey italic]{user.Name} is typing in #{room}…[/]");

    public void State(ChatStateChange change)
    {
        lock (_sync)
        {
            console.MarkupLine(StateMarkup.Of(change));
        }
    }

    public void Snapshot(RoomSnapshot snapshot)
    {
        Write($"[blue]joined #{snapshot.Room}[/] [grey]· {snapshot.Members.Count} here: {string.Join(", ", snapshot.Members.Select(m => m.Name))}[/]");
        foreach (var message in snapshot.Recent)
        {
            Message(message);
        }
    }

    public void Who(IEnumerable<UserPresence> users) => Write($"[blue]online:[/] {string.Join(", ", users.Select(u => u.Name))}");

    public void Info(string text) => Write($"[grey]{text}[/]");

    public void Error(string text) => Write($"[red]{text}[/]");

    private void Write(FormattableString line)
    {
        lock (_sync)
        {
            console.MarkupLineInterpolated(line);
        }
    }
}
