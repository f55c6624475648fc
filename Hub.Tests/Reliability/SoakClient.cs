using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;
using RealtimeHub.Tests.Security;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// One soak participant: a real <see cref="ChatClient"/> reaching its node through its own <see cref="FaultProxy"/>,
/// recording every message it raises and every send it made. A send that fails is tried again with the same
/// client message id, as an application would, after the client is connected again.
/// </summary>
internal sealed class SoakClient : IAsyncDisposable
{
    private const int MaxSendAttempts = 8;
    private readonly ConcurrentQueue<SoakSend> _sends = new();
    private readonly ConcurrentQueue<Task> _inFlight = new();
    private readonly ILoggerFactory _loggerFactory;
    private int _counter;
    private int _connectedCount;
    private int _retries;

    private SoakClient(string userId, FaultProxy link)
    {
        UserId = userId;
        Link = link;
        _loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(Log));
        Client = new ChatClient(
            new ChatClientOptions
            {
                HubUrl = new Uri(link.BaseUri, HubRoutes.Chat),
                AccessTokenProvider = _ => Task.FromResult(TestAuth.CreateToken(userId)),
                RetryPolicy = new ExponentialBackoffRetryPolicy(new() { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) }),
            },
            _loggerFactory);
        Client.MessageReceived += message =>
        {
            RaisedAt[message.Id] = Stopwatch.GetTimestamp();
            Raised.Add(message);
        };
        Client.StateChanged += change =>
        {
            States.Add(change);
            if (change.State == ChatConnectionState.Connected)
            {
                Interlocked.Increment(ref _connectedCount);
            }
        };
    }

    public string UserId { get; }

    /// <summary>The proxy between this client and its node.</summary>
    public FaultProxy Link { get; }

    public ChatClient Client { get; }

    public EventLog<ChatMessage> Raised { get; } = new();

    public EventLog<ChatStateChange> States { get; } = new();

    /// <summary>When each message was raised (<see cref="Stopwatch.GetTimestamp"/>), by id.</summary>
    public ConcurrentDictionary<string, long> RaisedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>What the ChatClient logged (its own retries and repairs, which it otherwise keeps to itself).</summary>
    public CapturingLoggerProvider Log { get; } = new();

    /// <summary>Times the client came back after losing its connection.</summary>
    public int Reconnects => Math.Max(0, Volatile.Read(ref _connectedCount) - 1);

    /// <summary>Sends tried again after a failure (the ChatClient's own transparent retries not counted).</summary>
    public int Retries => Volatile.Read(ref _retries);

    public IReadOnlyCollection<SoakSend> Sends => _sends;

    public static async Task<SoakClient> ConnectAsync(string userId, HubNode node, IEnumerable<string> rooms)
    {
        var client = new SoakClient(userId, FaultProxy.Start(node.BaseUri));
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await client.Client.StartAsync(timeout.Token);
        foreach (var room in rooms)
        {
            await client.Client.JoinRoomAsync(room, timeout.Token);
        }

        return client;
    }

    /// <summary>Starts one send (not awaited here: sends made during an outage queue up, as a user's would).</summary>
    public void StartSend(string room)
    {
        var number = Interlocked.Increment(ref _counter);
        var send = new SoakSend(UserId, room, $"{UserId} #{number}", $"{UserId}-{number}");
        _sends.Enqueue(send);
        _inFlight.Enqueue(SendAsync(send));
    }

    /// <summary>Completes when every send started so far has been acknowledged or given up on.</summary>
    public Task SendsFinishedAsync() => Task.WhenAll(_inFlight);

    public Task WaitUntilConnectedAsync() => States.WaitUntilAsync(
        _ => Client.State == ChatConnectionState.Connected, $"{UserId} to be connected", TestTimeouts.Reconnect);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Link.DisposeAsync();
        _loggerFactory.Dispose();
    }

    private async Task SendAsync(SoakSend send)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                send.Acknowledged = await Client.SendMessageAsync(send.Room, send.Text, send.ClientMessageId).WaitAsync(TestTimeouts.Reconnect);
                send.AcknowledgedAt = Stopwatch.GetTimestamp();
                return;
            }
            catch (Exception ex) when (attempt < MaxSendAttempts)
            {
                send.Errors.Add(ex.GetType().Name + ": " + ex.Message);
                Interlocked.Increment(ref _retries);
                await WaitBeforeRetryAsync(attempt);
            }
            catch (Exception ex)
            {
                send.Errors.Add(ex.GetType().Name + ": " + ex.Message);
                return;
            }
        }
    }

    private async Task WaitBeforeRetryAsync(int attempt)
    {
        try
        {
            await WaitUntilConnectedAsync();
        }
        catch (TimeoutException)
        {
            return; // the next attempt reports what is wrong
        }

        // Back-off of the simulated application (the node may be connected but its Redis not yet back): load
        // shaping, not test synchronisation.
        await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
    }
}
