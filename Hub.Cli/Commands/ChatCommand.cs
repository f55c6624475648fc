using System.CommandLine;
using RealtimeHub.Cli.Chat;
using Spectre.Console;

namespace RealtimeHub.Cli.Commands;

/// <summary><c>chat</c>: an interactive session; see <see cref="ChatInput.Usage"/>.</summary>
public static class ChatCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var user = CliOptions.User();
        var room = CliOptions.Room(required: false);
        var transport = CliOptions.Transport();
        var protocol = CliOptions.Protocol();

        var command = new Command("chat", "Chat interactively: " + ChatInput.Usage) { server, user, room, transport, protocol };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var cli = new CliClient(new CliConnection(
                parse.GetRequiredValue(server), parse.GetRequiredValue(user), parse.GetValue(transport), parse.GetValue(protocol)));
            var session = new ChatSession(cli.Client, new ChatView(AnsiConsole.Console));
            return await session.RunAsync(parse.GetValue(room), Console.In, cancellationToken);
        });
        return command;
    }
}
