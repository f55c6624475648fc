using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using RealtimeHub.Cli.Bench.Scenarios;
using RealtimeHub.Cli.Commands;

namespace RealtimeHub.Cli.Bench;

/// <summary>
/// <c>bench</c>: the open-loop load generator of bench/run.sh. Takes the arguments every generator takes
/// (bench/README.md), prints one <c>realtimehub-bench/1</c> JSON line per result on stdout with --json (else a
/// summary table), and progress on stderr.
/// </summary>
public static class BenchCommand
{
    public const int Succeeded = 0;
    public const int Failed = 1;

    private static readonly Dictionary<string, Func<BenchContext, Task>> Scenarios = new(StringComparer.Ordinal)
    {
        ["idle"] = IdleScenario.RunAsync,
        ["echo"] = EchoScenario.RunAsync,
        ["fanout"] = FanoutScenario.RunAsync,
        ["fanout-redis"] = FanoutScenario.RunAsync,
        ["storm"] = StormScenario.RunAsync,
        ["feeds"] = FeedsScenario.RunAsync,
    };

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "idle, echo, fanout, fanout-redis, storm or feeds.", Required = true };
        scenario.AcceptOnlyFromAmong([.. Scenarios.Keys]);
        var servers = new Option<Uri[]>("--server")
        {
            Description = "Base URL of a node (repeat for two); storm: the node restarted first, then the survivor.",
            Required = true,
            CustomParser = ParseUris,
        };
        var pids = new Option<int[]>("--pid") { Description = "Server process id, for RSS and CPU from /proc (repeat per server)." };
        var redis = new Option<Uri[]>("--redis") { Description = "redis://HOST:PORT of the shared Redis (repeat per cluster master), for PUBLISH counts and Redis CPU.", CustomParser = ParseUris };
        var quick = new Option<bool>("--quick") { Description = "Quick sizes (as bench/run.sh --quick)." };
        var json = new Option<bool>("--json") { Description = "Result lines (JSON) on stdout instead of a summary table." };
        var connections = new Option<int?>("--connections") { Description = "Connections (idle, echo), clients (storm) or watchers (feeds)." };
        var stepSeconds = new Option<double?>("--step-seconds") { Description = "Length of each rate step." };
        var rates = new Option<string?>("--rates") { Description = "Comma-separated rate ladder (echo: requests/s; fan-out: deliveries/s)." };
        var variant = new Option<string?>("--variant") { Description = "Fan-out: room50 or room1000 only." };
        variant.AcceptOnlyFromAmong([.. FanoutScenario.Variants.Keys]);
        var rate = new Option<double?>("--rate") { Description = "Storm: messages/s over all rooms (default two per room). Feeds: updates published per second." };
        var instruments = new Option<int?>("--instruments") { Description = "Feeds: instruments of the feed (each watcher watches 20)." };
        var pauseSeconds = new Option<double?>("--pause-seconds") { Description = "Feeds: how long one watcher stops reading." };
        var warmUpSeconds = new Option<double?>("--warmup-seconds") { Description = "Feeds: the unmeasured warm-up (default 15 s)." };
        var apiKey = new Option<string?>("--api-key") { Description = "Feeds: the server API key to publish with (default: the BENCH_API_KEY environment variable)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Idle: connects in flight.", DefaultValueFactory = _ => 100 };
        var killCommand = new Option<string?>("--kill-cmd") { Description = "Storm: shell command that kills the first node." };
        var restartCommand = new Option<string?>("--restart-cmd") { Description = "Storm: shell command that restarts it and returns once it listens." };
        var signingKey = new Option<string?>("--signing-key") { Description = "HS256 key of the servers (default: the SIGNING_KEY environment variable)." };
        var outFile = new Option<string?>("--out") { Description = "Also append the result lines to this file." };
        var stack = new Option<string>("--stack")
        {
            Description = "The stack name the records carry (bench/run.sh: realtimehub, or signalr for the official backplane).",
            DefaultValueFactory = _ => "realtimehub",
        };

        var command = new Command("bench", "Load benchmark (see docs/BENCHMARKS.md): open-loop, raw WebSockets speaking the SignalR JSON protocol; the storm uses the real client.")
        {
            scenario, servers, pids, redis, quick, json, connections, stepSeconds, rates, variant, rate, concurrency, killCommand, restartCommand, signingKey, outFile, stack,
            instruments, pauseSeconds, warmUpSeconds, apiKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(signingKey) ?? Environment.GetEnvironmentVariable("SIGNING_KEY");
            if (string.IsNullOrEmpty(key))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: SIGNING_KEY (or --signing-key) is required.");
                return Failed;
            }

            var settings = new BenchSettings
            {
                Scenario = parse.GetRequiredValue(scenario),
                Stack = parse.GetRequiredValue(stack),
                Servers = parse.GetRequiredValue(servers),
                Pids = parse.GetValue(pids) ?? [],
                Redis = parse.GetValue(redis) ?? [],
                Quick = parse.GetValue(quick),
                Json = parse.GetValue(json),
                Connections = parse.GetValue(connections),
                StepSeconds = parse.GetValue(stepSeconds),
                Rates = parse.GetValue(rates)?.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray(),
                Variant = parse.GetValue(variant),
                Rate = parse.GetValue(rate),
                Instruments = parse.GetValue(instruments),
                PauseSeconds = parse.GetValue(pauseSeconds),
                WarmUpSeconds = parse.GetValue(warmUpSeconds),
                ApiKey = parse.GetValue(apiKey),
                Concurrency = parse.GetValue(concurrency),
                KillCommand = parse.GetValue(killCommand),
                RestartCommand = parse.GetValue(restartCommand),
                SigningKey = key,
                OutFile = parse.GetValue(outFile),
            };
            return await RunAsync(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal static async Task<int> RunAsync(BenchSettings settings, TextWriter output, TextWriter error)
    {
        await using var file = settings.OutFile is null ? null : new StreamWriter(settings.OutFile, append: true);
        // Result lines go to stdout with --json and to --out when given.
        TextWriter[] results = [.. new[] { settings.Json ? output : null, file }.OfType<TextWriter>()];
        using var progress = new BenchProgress(error, live: ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected);
        var context = new BenchContext(settings, results, progress);
        try
        {
            await Scenarios[settings.Scenario](context);
        }
        catch (Exception ex)
        {
            progress.Line($"bench failed: {ex}");
            return Failed;
        }

        if (!settings.Json)
        {
            SummaryTable.Write(output, context.Emitted);
        }

        return Succeeded;
    }

    private static Uri[] ParseUris(ArgumentResult result) =>
        [.. result.Tokens.Select(token => ParseUri(token.Value, result) ?? CliOptions.DefaultServer)];

    private static Uri? ParseUri(string text, ArgumentResult result)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            return uri;
        }

        result.AddError($"'{text}' is not an absolute URL.");
        return null;
    }
}
