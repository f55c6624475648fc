using RealtimeHub.Client;
using RealtimeHub.Client.Live;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>
/// A started <see cref="LiveClient"/> against a <see cref="HubNode"/>, recording its state changes. Retries are fast
/// (50 ms growing to 500 ms) so outage tests finish quickly; the token provider can be held shut with a gate.
/// </summary>
internal sealed class TestLiveClient : IAsyncDisposable
{
    private TaskCompletionSource? _gate;

    private TestLiveClient(HubNode node, string userName, Action<ChatClientOptions>? configure)
    {
        UserName = userName;
        var options = ChatClientOptions.ForServer(node.BaseUri, ProvideTokenAsync, HubRoutes.Live);
        options.RetryPolicy = new ExponentialBackoffRetryPolicy(new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) });
        configure?.Invoke(options);
        Client = new LiveClient(options);
        Client.StateChanged += States.Add;
        IssueToken = () => node.IssueToken(userName);
    }

    public string UserName { get; }

    public LiveClient Client { get; }

    public EventLog<ChatStateChange> States { get; } = new();

    private Func<string> IssueToken { get; }

    public static async Task<TestLiveClient> ConnectAsync(HubNode node, string userName, Action<ChatClientOptions>? configure = null)
    {
        var client = new TestLiveClient(node, userName, configure);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await client.Client.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>Watches on a background task that records every item.</summary>
    public WatchRecorder Watch(string feed, string[]? keys = null, double? maxPerSecond = 50) =>
        new(ct => Client.WatchAsync(feed, keys, maxPerSecond, ct));

    /// <summary>From now on token requests wait until <see cref="OpenGate"/>: the client cannot reconnect before then.</summary>
    public void CloseGate() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void OpenGate() => Volatile.Read(ref _gate)?.TrySetResult();

    public Task WaitForStateAsync(ChatConnectionState state, int times = 1) =>
        States.WaitUntilAsync(all => all.Count(s => s.State == state) >= times, $"{UserName} {state} ×{times}", TestTimeouts.Reconnect);

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    private async Task<string> ProvideTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _gate) is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return IssueToken();
    }
}
