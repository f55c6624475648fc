using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Client;
using RealtimeHub.Client.Reconnection;

namespace RealtimeHub.Cli.Commands;

/// <summary>Where and how a command connects: <c>--server</c>, <c>--user</c>, <c>--transport</c>, <c>--protocol</c>.</summary>
internal sealed record CliConnection(Uri Server, string User, HttpTransportType Transports, ChatProtocol Protocol)
{
    /// <summary>Client options for the hub at <paramref name="hubRoute"/>, signed in with <paramref name="tokens"/>.</summary>
    public ChatClientOptions ClientOptions(DevTokenProvider tokens, string hubRoute, ExponentialBackoffOptions? retry)
    {
        var options = ChatClientOptions.ForServer(Server, tokens.GetTokenAsync, hubRoute);
        options.RetryPolicy = new ExponentialBackoffRetryPolicy(retry);
        options.Transports = Transports;
        options.Protocol = Protocol;
        return options;
    }
}
