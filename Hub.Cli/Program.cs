using System.CommandLine;
using RealtimeHub.Cli.Commands;

var root = new RootCommand("RealtimeHub console client: interactive chat, scripted send, live feeds (watch, publish-feed), load benchmark, and the server API (publish, notify).")
{
    ChatCommand.Create(),
    SendCommand.Create(),
    ApiCommands.Publish(),
    ApiCommands.Notify(),
    PublishFeedCommand.Create(),
    WatchCommand.Create(),
    RealtimeHub.Cli.Bench.BenchCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
