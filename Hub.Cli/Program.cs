using System.CommandLine;
using RealtimeHub.Cli.Commands;

var root = new RootCommand("RealtimeHub console client: interactive chat, scripted send, live feeds (watch, publish-feed), game bots, load benchmark, and the server API (publish, notify).")
{
    ChatCommand.Create(),
    SendCommand.Create(),
    ApiCommands.Publish(),
    ApiCommands.Notify(),
    PublishFeedCommand.Create(),
    WatchCommand.Create(),
    RealtimeHub.Cli.Bench.BenchCommand.Create(),
    RealtimeHub.Cli.Games.BotsCommand.Create(),
};

// System.CommandLine 2.0.0 handles Ctrl-C and SIGTERM only when given a timeout (its documented 2 s default is not
// applied): then commands see their cancellation token fire and end cleanly instead of being killed by the signal.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(2) });
