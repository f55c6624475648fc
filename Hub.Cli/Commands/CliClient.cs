using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;

namespace RealtimeHub.Cli.Commands;

/// <summary>A <see cref="ChatClient"/> signed in with development tokens from the server, disposed together.</summary>
internal sealed class CliClient : IAsyncDisposable
{
    private readonly DevTokenProvider _tokens;

    public CliClient(Uri server, string userName, ExponentialBackoffOptions? retry = null)
    {
        _tokens = new DevTokenProvider(server, userName);
        var options = ChatClientOptions.ForServer(server, _tokens.GetTokenAsync);
        options.RetryPolicy = new ExponentialBackoffRetryPolicy(retry);
        Client = new ChatClient(options);
    }

    public ChatClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _tokens.Dispose();
    }
}
