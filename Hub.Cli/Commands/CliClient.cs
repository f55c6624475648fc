using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;

namespace RealtimeHub.Cli.Commands;

/// <summary>A <see cref="ChatClient"/> signed in with development tokens from the server, disposed together.</summary>
internal sealed class CliClient : IAsyncDisposable
{
    private readonly DevTokenProvider _tokens;

    public CliClient(CliConnection connection, ExponentialBackoffOptions? retry = null)
    {
        _tokens = new DevTokenProvider(connection.Server, connection.User);
        var options = ChatClientOptions.ForServer(connection.Server, _tokens.GetTokenAsync);
        options.RetryPolicy = new ExponentialBackoffRetryPolicy(retry);
        options.Transports = connection.Transports;
        options.Protocol = connection.Protocol;
        Client = new ChatClient(options);
    }

    public ChatClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _tokens.Dispose();
    }
}
