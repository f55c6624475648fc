using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.AspNetCore.Http.Connections;
using RealtimeHub.Client;

namespace RealtimeHub.Cli.Commands;

/// <summary>Options several commands share; each command gets its own instances.</summary>
internal static class CliOptions
{
    public static readonly Uri DefaultServer = new("http://localhost:5000");

    public static Option<Uri> Server() => new("--server")
    {
        Description = "Base URL of the RealtimeHub server.",
        DefaultValueFactory = _ => DefaultServer,
        CustomParser = ParseServer, // System.CommandLine has no built-in Uri parser
    };

    public static Option<string> User() => new("--user")
    {
        Description = "User name to sign in as (1–32 of A-Z a-z 0-9 _ . -); a development token is fetched for it.",
        Required = true,
    };

    public static Option<string> Room(bool required) => new("--room")
    {
        Description = required ? "Room to send to." : "Room to join on start.",
        Required = required,
    };

    public static Option<string> ApiKey() => new("--api-key")
    {
        Description = "A key from the server's Api:Keys (sent as X-Api-Key). Default: the REALTIMEHUB_API_KEY environment variable.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REALTIMEHUB_API_KEY") ?? string.Empty,
    };

    public static Option<string> Feed(string description) => new("--feed")
    {
        Description = description + " (1–64 of A-Z a-z 0-9 _ . -).",
        Required = true,
    };

    public static Option<HttpTransportType> Transport() => new("--transport")
    {
        Description = "auto (WebSockets, then Server-Sent Events, then long polling), websockets, sse or longpolling.",
        DefaultValueFactory = _ => AllTransports,
        CustomParser = ParseTransport,
    };

    public static Option<ChatProtocol> Protocol() => new("--protocol")
    {
        Description = "Hub protocol: json or messagepack.",
        DefaultValueFactory = _ => ChatProtocol.Json,
    };

    private const HttpTransportType AllTransports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;

    private static HttpTransportType ParseTransport(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        switch (text.ToLowerInvariant())
        {
            case "auto": return AllTransports;
            case "websockets": return HttpTransportType.WebSockets;
            case "sse": return HttpTransportType.ServerSentEvents;
            case "longpolling": return HttpTransportType.LongPolling;
            default:
                result.AddError($"--transport must be auto, websockets, sse or longpolling, not '{text}'.");
                return AllTransports;
        }
    }

    private static Uri? ParseServer(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"--server must be an http:// or https:// URL, not '{text}'.");
        return null;
    }
}
