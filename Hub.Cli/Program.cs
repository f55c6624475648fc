using System.CommandLine;
using RealtimeHub.Cli.Commands;

var root = new RootCommand("RealtimeHub console client: interactive chat, scripted send, load benchmark.")
{
    ChatCommand.Create(),
    SendCommand.Create(),
    RealtimeHub.Cli.Bench.BenchCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
