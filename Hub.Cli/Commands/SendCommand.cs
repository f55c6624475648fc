using System.CommandLine;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Client.Reconnection;

namespace RealtimeHub.Cli.Commands;

/// <summary><c>send</c>: joins a room, sends one message, exits 0 once the hub acknowledged it.</summary>
public static class SendCommand
{
    public const int Acknowledged = 0;
    public const int Failed = 1;
    public const int Refused = 2;
    public const int TimedOut = 3;

    public static Command Create()
    {
        var server = CliOptions.Server();
        var user = CliOptions.User();
        var room = CliOptions.Room(required: true);
        var text = new Option<string>("--text") { Description = "The message.", Required = true };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "Give up when not acknowledged within this time (hh:mm:ss).",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        };
        var transport = CliOptions.Transport();
        var protocol = CliOptions.Protocol();

        var command = new Command("send", $"Send one message; exit {Acknowledged} when acknowledged, {Failed} on a connection error, {Refused} when refused, {TimedOut} on timeout.")
        {
            server, user, room, text, timeout, transport, protocol,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new CliConnection(parse.GetRequiredValue(server), parse.GetRequiredValue(user), parse.GetValue(transport), parse.GetValue(protocol)),
            parse.GetRequiredValue(room),
            parse.GetRequiredValue(text),
            parse.GetValue(timeout),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliConnection connection, string room, string text, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Ride out a short blip while sending, but never retry past the deadline.
            await using var cli = new CliClient(connection, new ExponentialBackoffOptions { MaxElapsed = timeout });
            await cli.Client.StartAsync(deadline.Token);
            await cli.Client.JoinRoomAsync(room, deadline.Token);
            var sent = await cli.Client.SendMessageAsync(room, text, cancellationToken: deadline.Token);
            await output.WriteLineAsync($"sent #{sent.Sequence} to {sent.Room} ({sent.Id})");
            return Acknowledged;
        }
        catch (HubException ex)
        {
            await error.WriteLineAsync($"error: the hub refused the message: {ex.Message}");
            return Refused;
        }
        catch (HttpRequestException ex) when (ex.StatusCode is null)
        {
            await error.WriteLineAsync($"error: could not reach {connection.Server}: {ex.Message}");
            return Failed;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return Refused;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            await error.WriteLineAsync($"error: no acknowledgement from {connection.Server} within {timeout}.");
            return TimedOut;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: could not reach the hub at {connection.Server}: {ex.Message}");
            return Failed;
        }
    }
}
