using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;
using RealtimeHub.Client;
using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>The storm's shared state: members' recovery, the messages sent through the outage and who got them.</summary>
internal sealed class StormRun(int count, int rooms, int capacity)
{
    private readonly StormMessage?[] _messages = new StormMessage?[capacity];
    private readonly int[] _down = new int[count];
    private readonly List<double> _recoveredAfterMs = [];
    private long _killedAt;
    private int _joined;
    private int _sent;
    private long _acked;
    private long _errors;
    private long _delivered;
    private long _duplicates;

    public int Joined => Volatile.Read(ref _joined);

    public int Sent => Volatile.Read(ref _sent);

    public long Acked => Interlocked.Read(ref _acked);

    public long Errors => Interlocked.Read(ref _errors);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public bool AnyDown => _down.Any(d => d == 1);

    public int RecoveredCount
    {
        get
        {
            lock (_recoveredAfterMs)
            {
                return _recoveredAfterMs.Count;
            }
        }
    }

    public static string RoomName(int room) => $"storm-{room}";

    public void Kill() => Interlocked.Exchange(ref _killedAt, Clock.Now);

    public double SinceKillMs() => Clock.ElapsedMs(Interlocked.Read(ref _killedAt));

    /// <summary>Client <paramref name="i"/>: room i % rooms, member i / rooms of it.</summary>
    public async Task<ChatClient> ConnectMemberAsync(Uri server, string token, int i)
    {
        var client = new ChatClient(ChatClientOptions.ForServer(server, _ => Task.FromResult(token)));
        var member = i / rooms;
        client.StateChanged += change => OnStateChanged(i, change.State);
        client.MessageReceived += message => OnMessage(member, message);
        await client.StartAsync();
        await client.JoinRoomAsync(RoomName(i % rooms));
        Interlocked.Increment(ref _joined);
        return client;
    }

    /// <summary>Sends <paramref name="rate"/> messages/s over all rooms on a coarse open-loop timer until cancelled.</summary>
    public async Task SendAsync(HubSocket[] senders, double rate, CancellationToken stop)
    {
        var start = Clock.Now;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var due = Math.Min(_messages.Length, (int)(Clock.ElapsedMs(start) * rate / 1000));
                for (var n = _sent; n < due; n++)
                {
                    var message = new StormMessage();
                    _messages[n] = message;
                    senders[n % rooms].Invoke("SendMessage", (_, isError) =>
                    {
                        if (isError)
                        {
                            Interlocked.Increment(ref _errors);
                        }
                        else
                        {
                            message.Acked = true;
                            Interlocked.Increment(ref _acked);
                        }
                    }, RoomName(n % rooms), Load.Payload, $"s{n}");
                    Volatile.Write(ref _sent, n + 1);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public long ExpectedDeliveries() => _messages.Take(Sent).Count(m => m is { Acked: true }) * (long)StormScenario.RoomSize;

    public IReadOnlyList<double> RecoveredAfterMs()
    {
        lock (_recoveredAfterMs)
        {
            return [.. _recoveredAfterMs.Order()];
        }
    }

    /// <summary>Loss counts only acknowledged messages: each must reach all members of its room once.</summary>
    public (long Expected, long Lost, long LostMessages) CountLoss()
    {
        long expected = 0;
        long lost = 0;
        long lostMessages = 0;
        foreach (var message in _messages.Take(Sent))
        {
            if (message is not { Acked: true })
            {
                continue;
            }

            expected += StormScenario.RoomSize;
            var missing = message.Seen.Count(times => times == 0);
            lost += missing;
            lostMessages += missing > 0 ? 1 : 0;
        }

        return (expected, lost, lostMessages);
    }

    private void OnStateChanged(int i, ChatConnectionState state)
    {
        var killed = Interlocked.Read(ref _killedAt) != 0;
        if (state is ChatConnectionState.Reconnecting or ChatConnectionState.Disconnected && killed)
        {
            Volatile.Write(ref _down[i], 1);
        }
        else if (state == ChatConnectionState.Connected && Interlocked.Exchange(ref _down[i], 0) == 1)
        {
            lock (_recoveredAfterMs)
            {
                _recoveredAfterMs.Add(SinceKillMs());
            }
        }
    }

    // A client raises its events one at a time, so its member's byte in Seen needs no lock.
    private void OnMessage(int member, ChatMessage message)
    {
        var id = message.ClientMessageId;
        if (id is null || id.Length < 2 || id[0] != 's' || !int.TryParse(id.AsSpan(1), out var n)
            || (uint)n >= (uint)_messages.Length || Volatile.Read(ref _messages[n]) is not { } sent)
        {
            return;
        }

        if (sent.Seen[member]++ > 0)
        {
            Interlocked.Increment(ref _duplicates);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
