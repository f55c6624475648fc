using System.CommandLine;
using System.CommandLine.Parsing;
using RealtimeHub.Cli.Commands;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Cli.Games;

/// <summary><c>bots</c>: fills matches with simple bots (<see cref="Bot"/>) and measures what they see; see <see cref="BotsReport"/> for <c>--json</c>.</summary>
public static class BotsCommand
{
    public static Command Create()
    {
        var urls = new Option<Uri[]>("--url", "--server")
        {
            Description = "Base URL of a node; repeat to spread the bots over several (bot i joins through the (i mod n)-th).",
            DefaultValueFactory = _ => [CliOptions.DefaultServer],
            CustomParser = ParseUrls,
            AllowMultipleArgumentsPerToken = false,
        };
        var count = new Option<int>("--count") { Description = "Bots (players), each signed in with its own development token.", DefaultValueFactory = _ => 8 };
        var kind = new Option<string>("--kind") { Description = "The game kind to find matches of.", DefaultValueFactory = _ => GameKinds.Arena };
        var protocol = CliOptions.Protocol();
        var inputRate = new Option<double>("--input-rate") { Description = "Inputs per second per bot (keep under the server's Games:MaxInputsPerSecond, 60).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup")
        {
            Description = "Seconds the bots play once every bot has connected and looked for a match, before the measured window begins (progress lines say measuring: false). Default: 0.",
            DefaultValueFactory = _ => 0,
        };
        var duration = new Option<double?>("--duration") { Description = "Seconds to measure once every bot has connected and looked for a match, after --warmup. Default: until Ctrl-C." };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON line at the end instead of the console lines: type, measuring, elapsedSeconds, windowSeconds, kind, protocol, "
                + "bots, nodes, connected, seated, matches, inputRatePerBot, inputsSent, inputToDelta {p50Ms, p99Ms, p999Ms, maxMs, meanMs, samples} "
                + "(send of input s → first state with lastInputSequence ≥ s), statesReceived, statesPerPlayerPerSecond, bytesReceived, "
                + "bytesPerPlayerPerSecond (every byte read from the bots' TCP sockets: WebSocket frames with headers; null over https), errors, lastError.",
        };
        var progress = new Option<bool>("--progress") { Description = "With --json: also a line a second (type progress; counts and rates of that second)." };
        var command = new Command(
            "bots",
            "Fill matches with bots that steer toward the nearest gem they see (else wander) and report players seated, matches, "
            + "input → own-delta latency, states and bytes received per player per second, and errors. Exit 0 when bots are seated at the end, 1 when none is.")
        {
            urls, count, kind, protocol, inputRate, warmup, duration, json, progress,
        };
        // On the options, not the command: a command validator does not see the options' defaults.
        count.Validators.Add(result => Check(result, result.GetValueOrDefault<int>() >= 1, "--count must be at least 1."));
        inputRate.Validators.Add(result => Check(result, result.GetValueOrDefault<double>() is > 0 and <= 60, "--input-rate must be above 0 and at most 60 per second."));
        warmup.Validators.Add(result => Check(result, result.GetValueOrDefault<double>() >= 0, "--warmup must be 0 seconds or more."));
        duration.Validators.Add(result => Check(result, result.GetValueOrDefault<double?>() is null or > 0, "--duration must be above 0 seconds."));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new BotSettings(
                parse.GetRequiredValue(urls), parse.GetValue(count), parse.GetRequiredValue(kind), parse.GetValue(protocol), parse.GetValue(inputRate),
                TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                parse.GetValue(json), parse.GetValue(progress));
            return await new BotsRun(settings, parse.InvocationConfiguration.Output).RunAsync(cancellationToken);
        });
        return command;
    }

    private static void Check(OptionResult result, bool valid, string error)
    {
        if (!valid)
        {
            result.AddError(error);
        }
    }

    private static Uri[] ParseUrls(ArgumentResult result)
    {
        var parsed = new List<Uri>();
        foreach (var token in result.Tokens)
        {
            if (Uri.TryCreate(token.Value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                parsed.Add(uri);
            }
            else
            {
                result.AddError($"--url must be an http:// or https:// URL, not '{token.Value}'.");
            }
        }

        return [.. parsed];
    }
}
