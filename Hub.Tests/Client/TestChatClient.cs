using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>
/// A started <see cref="ChatClient"/> against a <see cref="HubNode"/>, recording what it raises. Retries are fast
/// (50 ms growing to 500 ms) so outage tests finish quickly; the token provider can be held shut with a gate.
/// </summary>
public sealed class TestChatClient : IAsyncDisposable
{
    private readonly Func<int, string> _issueToken;
    private TaskCompletionSource? _gate;
    private int _tokenRequests;

    private TestChatClient(HubNode node, string userName, Func<int, string>? issueToken, Action<ChatClientOptions>? configure)
    {
        UserName = userName;
        _issueToken = issueToken ?? (_ => node.IssueToken(userName));
        var options = new ChatClientOptions
        {
            HubUrl = node.HubUri,
            AccessTokenProvider = ProvideTokenAsync,
            RetryPolicy = new ExponentialBackoffRetryPolicy(new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) }),
        };
        configure?.Invoke(options);
        Client = new ChatClient(options);
        Client.MessageReceived += Messages.Add;
        Client.PrivateMessageReceived += Privates.Add;
        Client.StateChanged += States.Add;
    }

    public string UserName { get; }

    public ChatClient Client { get; }

    public EventLog<ChatMessage> Messages { get; } = new();

    public EventLog<PrivateMessage> Privates { get; } = new();

    public EventLog<ChatStateChange> States { get; } = new();

    /// <summary>How many times the client asked for a token (once per connect or reconnect attempt).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <param name="issueToken">Makes the token for the n-th request (from 1); a one-hour token for the user when null.</param>
    public static async Task<TestChatClient> ConnectAsync(
        HubNode node, string userName, Func<int, string>? issueToken = null, Action<ChatClientOptions>? configure = null)
    {
        var client = new TestChatClient(node, userName, issueToken, configure);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await client.Client.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>From now on token requests wait until <see cref="OpenGate"/>: the client cannot reconnect before then.</summary>
    public void CloseGate() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void OpenGate() => Volatile.Read(ref _gate)?.TrySetResult();

    /// <summary>Waits until the client has entered <paramref name="state"/> at least <paramref name="times"/> times in all.</summary>
    public Task WaitForStateAsync(ChatConnectionState state, int times = 1) =>
        States.WaitUntilAsync(all => all.Count(s => s.State == state) >= times, $"{UserName} {state} ×{times}", TestTimeouts.Reconnect);

    public Task WaitForTextAsync(string text) =>
        Messages.WaitUntilAsync(all => all.Any(m => m.Text == text), $"{UserName} to receive '{text}'", TestTimeouts.Reconnect);

    /// <summary>The texts raised for <paramref name="room"/>, in the order they were raised.</summary>
    public IReadOnlyList<string> TextsIn(string room) => [.. Messages.Snapshot().Where(m => m.Room == room).Select(m => m.Text)];

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private async Task<string> ProvideTokenAsync(CancellationToken cancellationToken)
    {
        var request = Interlocked.Increment(ref _tokenRequests);
        if (Volatile.Read(ref _gate) is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return _issueToken(request);
    }
}
