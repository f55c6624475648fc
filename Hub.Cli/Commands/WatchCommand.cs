using System.CommandLine;
using RealtimeHub.Cli.Live;
using Spectre.Console;

namespace RealtimeHub.Cli.Commands;

/// <summary><c>watch</c>: a live table of a feed's keys on a terminal, JSON lines when the output is redirected; see <see cref="WatchSession"/>.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var server = CliOptions.Server();
        var user = CliOptions.User();
        var feed = CliOptions.Feed("The feed to watch");
        var keys = new Option<string?>("--keys") { Description = "Comma-separated keys to watch (1–500), e.g. AAPL,MSFT. Default: every key of the feed." };
        var rate = new Option<double?>("--rate") { Description = "Most deliveries per key per second, 0.1–50. Default: the server's (Live:DefaultMaxPerSecond)." };
        var transport = CliOptions.Transport();
        var protocol = CliOptions.Protocol();
        var command = new Command(
            "watch",
            "Watch a live feed: a table of each key's newest value, version and age, redrawn as they change (JSON lines when the output "
            + $"is not a terminal). Ctrl-C exits {WatchSession.Stopped}; exit {WatchSession.Failed} when the connection is lost for good, "
            + $"{WatchSession.Refused} when the hub refuses the watch.")
        {
            server, user, feed, keys, rate, transport, protocol,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var cli = new CliLiveClient(new CliConnection(
                parse.GetRequiredValue(server), parse.GetRequiredValue(user), parse.GetValue(transport), parse.GetValue(protocol)));
            var session = new WatchSession(cli.Client, parse.GetRequiredValue(feed), SplitKeys(parse.GetValue(keys)), parse.GetValue(rate));
            var console = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? AnsiConsole.Console : null;
            return await session.RunAsync(console, output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>"A, B,,C" → [A, B, C]; nothing left → null (every key).</summary>
    internal static string[]? SplitKeys(string? keys) =>
        keys?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } split ? split : null;
}
