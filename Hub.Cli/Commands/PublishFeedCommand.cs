using System.CommandLine;
using RealtimeHub.Cli.Live;
using RealtimeHub.Client.Api;

namespace RealtimeHub.Cli.Commands;

/// <summary>
/// <c>publish-feed</c>: publishes the updates read from stdin (see <see cref="FeedLine"/>) to a feed through the server API,
/// batched (<see cref="FeedPublisher"/>), so <c>some-producer | Hub.Cli publish-feed --feed quotes</c> is live.
/// </summary>
public static class PublishFeedCommand
{
    /// <summary>Ctrl-C: what was read but not yet sent is dropped.</summary>
    public const int Interrupted = 130;

    /// <param name="input">Where updates are read from; stdin when null.</param>
    public static Command Create(TextReader? input = null)
    {
        var server = CliOptions.Server();
        var apiKey = CliOptions.ApiKey();
        var feed = CliOptions.Feed("The feed to publish to");
        var flushInterval = new Option<TimeSpan>("--flush-interval")
        {
            Description = "The longest an update waits for others to share its request (hh:mm:ss.fff).",
            DefaultValueFactory = _ => TimeSpan.FromMilliseconds(50),
        };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long one request is retried while the server cannot be reached (hh:mm:ss).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        };
        var command = new Command(
            "publish-feed",
            "Publish updates read from stdin to a feed (POST /api/v1/feeds/{feed}/updates): one per line, key=value (a value that "
            + "parses as JSON is sent as that JSON, anything else as a string; key=null removes the key) or a JSON line "
            + $"{{\"key\":\"A\",\"value\":…}}. Exit {ApiCommands.Accepted} at the end of the input once all were accepted, "
            + $"{ApiCommands.Failed} when the server could not be reached, {ApiCommands.Refused} when it refused or a line was invalid.")
        {
            server, apiKey, feed, flushInterval, timeout,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(server),
            parse.GetValue(apiKey),
            parse.GetRequiredValue(feed),
            new FeedPublishSettings(parse.GetValue(flushInterval), parse.GetValue(timeout)),
            input ?? Console.In,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        Uri server, string? apiKey, string feed, FeedPublishSettings settings, TextReader input, TextWriter error, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            await error.WriteLineAsync("error: --api-key (or REALTIMEHUB_API_KEY) is required.");
            return ApiCommands.Refused;
        }

        var publisher = new FeedPublisher(RealtimeHubApiClient.Create(server, apiKey), feed, settings, error, TimeProvider.System);
        try
        {
            var report = await publisher.RunAsync(input, cancellationToken);
            var skipped = report.Invalid > 0 ? $"; {report.Invalid:N0} invalid lines skipped" : string.Empty;
            await error.WriteLineAsync($"published {report.Published:N0} updates to {feed} in {report.Requests:N0} requests{skipped}");
            return report.Invalid > 0 ? ApiCommands.Refused : ApiCommands.Accepted;
        }
        catch (RealtimeHubApiException ex)
        {
            await error.WriteLineAsync($"error: {ApiCommands.Describe(ex)}");
            return ApiCommands.Refused;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("interrupted");
            return Interrupted;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"error: could not reach {server}: {ex.Message}");
            return ApiCommands.Failed;
        }
    }
}
