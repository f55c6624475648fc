using System.CommandLine;
using System.CommandLine.Parsing;

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
