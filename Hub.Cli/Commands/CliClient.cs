using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;
using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Commands;

/// <summary>A <see cref="ChatClient"/> signed in with development tokens from the server, disposed together.</summary>
internal sealed class CliClient : IAsyncDisposable
{
    private readonly DevTokenProvider _tokens;

    public CliClient(CliConnection connection, ExponentialBackoffOptions? retry = null)
    {
        _tokens = new DevTokenProvider(connection.Server, connection.User);
        Client = new ChatClient(connection.ClientOptions(_tokens, HubRoutes.Chat, retry));
    }

    public ChatClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _tokens.Dispose();
    }
}
