using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Cluster;

/// <summary>A <see cref="ChatClient"/> that talks to the cluster through the balancer, recording what it raises.</summary>
public sealed class ClusterChatClient : IAsyncDisposable
{
    private ClusterChatClient(Uri hubUri, string userId, bool skipNegotiation)
    {
        UserId = userId;
        var token = TestAuth.CreateToken(userId);
        var options = new ChatClientOptions
        {
            HubUrl = hubUri,
            AccessTokenProvider = _ => Task.FromResult(token),
            RetryPolicy = new ExponentialBackoffRetryPolicy(new() { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) }),
        };
        if (skipNegotiation)
        {
            options.Transports = HttpTransportType.WebSockets; // the only transport that works without negotiating
            options.ConfigureHttpConnection = http => http.SkipNegotiation = true;
        }

        Client = new ChatClient(options);
        Client.MessageReceived += Messages.Add;
        Client.StateChanged += States.Add;
    }

    public string UserId { get; }

    public ChatClient Client { get; }

    public EventLog<ChatMessage> Messages { get; } = new();

    public EventLog<ChatStateChange> States { get; } = new();

    /// <param name="skipNegotiation">True: WebSocket only, balanced freely. False: negotiate, kept on one node by client address.</param>
    public static async Task<ClusterChatClient> ConnectAsync(Uri hubUri, string userId, bool skipNegotiation)
    {
        var client = new ClusterChatClient(hubUri, userId, skipNegotiation);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await client.Client.StartAsync(timeout.Token);
        return client;
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    public override string ToString() => UserId;
}
