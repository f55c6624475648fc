using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Client;
using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Chat;

/// <summary>The interactive loop of <c>chat</c>: reads lines, runs commands, shows what the hub sends.</summary>
internal sealed class ChatSession(ChatClient client, ChatView view)
{
    private readonly ConcurrentDictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly List<Task> _sends = [];
    private string? _currentRoom;

    public async Task<int> RunAsync(string? initialRoom, TextReader input, CancellationToken cancellationToken)
    {
        Subscribe();
        try
        {
            await client.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or WebSocketException or IOException or InvalidOperationException)
        {
            view.Error($"could not connect: {ex.Message}");
            return 1;
        }

        view.Info(ChatInput.Usage);
        if (initialRoom is not null)
        {
            await HandleAsync(new ChatInput(ChatInputKind.Join, initialRoom), cancellationToken);
        }

        while (await ReadLineAsync(input, cancellationToken) is { } line)
        {
            var command = ChatInput.Parse(line);
            if (command.Kind == ChatInputKind.Quit)
            {
                break;
            }

            if (command.Kind != ChatInputKind.Say || command.Text!.Length > 0)
            {
                await HandleAsync(command, cancellationToken);
            }
        }

        await FinishSendsAsync();
        return 0;
    }

    /// <summary>
    /// The next line, or null at the end of the input or on Ctrl-C. Console.In reads synchronously and ignores the
    /// token, so the read runs on a thread of its own that Ctrl-C stops waiting for.
    /// </summary>
    private static async Task<string?> ReadLineAsync(TextReader input, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private void Subscribe()
    {
        client.StateChanged += view.State;
        client.MessageReceived += message =>
        {
            _lastSequence.AddOrUpdate(message.Room, message.Sequence, (_, last) => Math.Max(last, message.Sequence));
            view.Message(message);
        };
        client.PrivateMessageReceived += view.Private;
        client.UserJoined += view.Joined;
        client.UserLeft += view.Left;
        client.UserTyping += (room, user, isTyping) =>
        {
            if (isTyping)
            {
                view.Typing(room, user);
            }
        };
    }

    private async Task HandleAsync(ChatInput command, CancellationToken cancellationToken)
    {
        try
        {
            switch (command.Kind)
            {
                case ChatInputKind.Say when _currentRoom is null:
                    view.Error("join a room first: /join ROOM");
                    break;
                case ChatInputKind.Say:
                    Track(client.SendMessageAsync(_currentRoom, command.Text!, cancellationToken: cancellationToken));
                    break;
                case ChatInputKind.Msg:
                    Track(client.SendPrivateMessageAsync(command.Target!, command.Text!, cancellationToken: cancellationToken));
                    break;
                case ChatInputKind.Join:
                    var snapshot = await client.JoinRoomAsync(command.Target!, cancellationToken);
                    _lastSequence[snapshot.Room] = snapshot.LastSequence;
                    _currentRoom = snapshot.Room;
                    view.Snapshot(snapshot);
                    break;
                case ChatInputKind.Leave:
                    await LeaveAsync(command.Target ?? _currentRoom, cancellationToken);
                    break;
                case ChatInputKind.Who:
                    view.Who(await client.GetOnlineUsersAsync(cancellationToken));
                    break;
                case ChatInputKind.History:
                    await ShowHistoryAsync(command.Count, cancellationToken);
                    break;
                case ChatInputKind.Help:
                    view.Info(ChatInput.Usage);
                    break;
                default:
                    view.Error(command.Text ?? ChatInput.Usage);
                    break;
            }
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or HttpRequestException)
        {
            view.Error(ex.Message);
        }
    }

    private async Task LeaveAsync(string? room, CancellationToken cancellationToken)
    {
        if (room is null)
        {
            view.Error("not in a room");
            return;
        }

        await client.LeaveRoomAsync(room, cancellationToken);
        view.Info($"left #{room}");
        if (_currentRoom == room)
        {
            _currentRoom = client.Rooms.FirstOrDefault();
            view.Info(_currentRoom is null ? "not in any room now" : $"now talking in #{_currentRoom}");
        }
    }

    private async Task ShowHistoryAsync(int count, CancellationToken cancellationToken)
    {
        if (_currentRoom is null)
        {
            view.Error("join a room first: /join ROOM");
            return;
        }

        var limit = Math.Min(count, ChatLimits.MaxHistoryPage);
        var after = Math.Max(0, _lastSequence.GetValueOrDefault(_currentRoom) - limit);
        foreach (var message in await client.GetHistoryAsync(_currentRoom, after, limit, cancellationToken))
        {
            view.Message(message);
        }
    }

    /// <summary>Sends run in the background so typing goes on while reconnecting; failures are shown when they come.</summary>
    private void Track(Task send)
    {
        _sends.RemoveAll(s => s.IsCompleted);
        _sends.Add(ReportFailureAsync(send));
    }

    private async Task ReportFailureAsync(Task send)
    {
        try
        {
            await send;
        }
        catch (Exception ex)
        {
            view.Error($"not sent: {ex.Message}");
        }
    }

    /// <summary>At the end of piped input, give queued sends a moment to go out.</summary>
    private async Task FinishSendsAsync()
    {
        try
        {
            await Task.WhenAll(_sends).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            view.Error("some messages were still waiting to be sent");
        }
    }
}
