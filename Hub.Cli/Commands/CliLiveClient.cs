using RealtimeHub.Client;
using RealtimeHub.Client.Live;
using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Commands;

/// <summary>A <see cref="LiveClient"/> signed in with development tokens from the server, disposed together.</summary>
internal sealed class CliLiveClient : IAsyncDisposable
{
    private readonly DevTokenProvider _tokens;

    public CliLiveClient(CliConnection connection)
    {
        _tokens = new DevTokenProvider(connection.Server, connection.User);
        Client = new LiveClient(connection.ClientOptions(_tokens, HubRoutes.Live, retry: null));
    }

    public LiveClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _tokens.Dispose();
    }
}
