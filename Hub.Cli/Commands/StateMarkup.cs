using RealtimeHub.Client;
using Spectre.Console;

namespace RealtimeHub.Cli.Commands;

/// <summary>A client's connection state as Spectre markup, shown by <c>chat</c> and <c>watch</c>; error text is escaped.</summary>
internal static class StateMarkup
{
    public static string Of(ChatStateChange change) => change.State switch
    {
        ChatConnectionState.Connected => "[green]● connected[/]",
        ChatConnectionState.Connecting => "[yellow]○ connecting…[/]",
        ChatConnectionState.Reconnecting =>
            $"[yellow]○ reconnecting: attempt {change.Attempt} in {(change.RetryDelay ?? TimeSpan.Zero).TotalSeconds:0.0}s[/] "
            + $"[grey]{Markup.Escape(change.Error?.Message ?? "connection lost")}[/]",
        _ => $"[red]✕ disconnected[/] [grey]{Markup.Escape(change.Error?.Message ?? string.Empty)}[/]",
    };

    /// <summary>The same without markup, for a log line.</summary>
    public static string Plain(ChatStateChange change) => Markup.Remove(Of(change));
}
