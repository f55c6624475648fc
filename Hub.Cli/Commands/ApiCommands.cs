using System.CommandLine;
using System.Text.Json;
using RealtimeHub.Client.Api;
using RealtimeHub.Contracts.Api;

namespace RealtimeHub.Cli.Commands;

/// <summary>
/// <c>publish</c> and <c>notify</c>: the server API from a shell, on <see cref="RealtimeHubApiClient"/>. Exit 0 when the
/// server accepted the call, 1 when it could not be reached, 2 when it refused (the problem is printed).
/// </summary>
public static class ApiCommands
{
    public const int Accepted = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    public static Command Publish()
    {
        var server = CliOptions.Server();
        var apiKey = CliOptions.ApiKey();
        var room = CliOptions.Room(required: true);
        var sender = new Option<string>("--sender") { Description = "The sender's id (1–32 of A-Z a-z 0-9 _ . -), e.g. billing-bot.", Required = true };
        var senderName = new Option<string?>("--sender-name") { Description = "The name members see; defaults to --sender." };
        var text = new Option<string>("--text") { Description = "The message.", Required = true };
        var clientMessageId = new Option<string?>("--client-message-id") { Description = "Makes a retry safe: the same sender and id are stored once." };
        var command = new Command("publish", "Post a message into a room through the server API (POST /api/v1/rooms/{room}/messages).")
        {
            server, apiKey, room, sender, senderName, text, clientMessageId,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, server, apiKey, async client =>
        {
            var posted = await client.PostMessageAsync(
                parse.GetRequiredValue(room),
                new PostMessageRequest(parse.GetRequiredValue(sender), parse.GetValue(senderName), parse.GetRequiredValue(text), parse.GetValue(clientMessageId)),
                cancellationToken);
            var what = posted.Created ? "posted" : "already posted";
            return $"{what} #{posted.Message.Sequence} to {posted.Message.Room} ({posted.Message.Id})";
        }));
        return command;
    }

    public static Command Notify()
    {
        var server = CliOptions.Server();
        var apiKey = CliOptions.ApiKey();
        var user = new Option<string>("--user") { Description = "The user id to notify (the token's sub).", Required = true };
        var type = new Option<string>("--type") { Description = "The notification type (1–64 of A-Z a-z 0-9 _ . : -), e.g. invoice.ready.", Required = true };
        var data = new Option<string>("--data") { Description = "Any JSON value, up to 16 KiB, e.g. '{\"invoice\":42}'.", DefaultValueFactory = _ => "null" };
        var command = new Command("notify", "Notify every live connection of a user through the server API (POST /api/v1/users/{userId}/notifications).")
        {
            server, apiKey, user, type, data,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, server, apiKey, async client =>
        {
            using var json = JsonDocument.Parse(parse.GetRequiredValue(data));
            var id = await client.NotifyAsync(parse.GetRequiredValue(user), parse.GetRequiredValue(type), json.RootElement.Clone(), cancellationToken);
            return $"notified {parse.GetRequiredValue(user)} ({id})";
        }));
        return command;
    }

    /// <summary>The status and the problem the server sent: <c>401 Unauthorized: …</c>.</summary>
    internal static string Describe(RealtimeHubApiException refused) =>
        $"{(int)refused.StatusCode} {refused.Problem?.Title ?? refused.StatusCode.ToString()}: {refused.Problem?.Detail}";

    private static async Task<int> RunAsync(ParseResult parse, Option<Uri> server, Option<string> apiKey, Func<RealtimeHubApiClient, Task<string>> call)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var url = parse.GetRequiredValue(server);
        var key = parse.GetValue(apiKey);
        if (string.IsNullOrEmpty(key))
        {
            await error.WriteLineAsync("error: --api-key (or REALTIMEHUB_API_KEY) is required.");
            return Refused;
        }

        try
        {
            await output.WriteLineAsync(await call(RealtimeHubApiClient.Create(url, key)));
            return Accepted;
        }
        catch (RealtimeHubApiException ex)
        {
            await error.WriteLineAsync($"error: {Describe(ex)}");
            return Refused;
        }
        catch (JsonException ex)
        {
            await error.WriteLineAsync($"error: --data is not valid JSON: {ex.Message}");
            return Refused;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"error: could not reach {url}: {ex.Message}");
            return Failed;
        }
    }
}
