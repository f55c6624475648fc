namespace RealtimeHub.Client.Connections.Internal;

/// <summary>Builds the negotiate and WebSocket URLs from the hub URL, keeping any query it already has.</summary>
internal static class UrlBuilder
{
    public static Uri Negotiate(Uri hubUrl)
    {
        var builder = new UriBuilder(hubUrl);
        builder.Path = builder.Path.TrimEnd('/') + "/negotiate";
        builder.Query = AppendQuery(builder.Query, "negotiateVersion", "1");
        return builder.Uri;
    }

    public static Uri WebSocket(Uri hubUrl, string? connectionKey, string? accessTokenForQuery)
    {
        var builder = new UriBuilder(hubUrl)
        {
            Scheme = hubUrl.Scheme switch
            {
                "http" or "ws" => "ws",
                "https" or "wss" => "wss",
                _ => throw new ArgumentException($"The hub URL '{hubUrl}' must be http(s) or ws(s).", nameof(hubUrl)),
            },
        };

        var query = builder.Query;
        if (connectionKey is not null)
        {
            query = AppendQuery(query, "id", connectionKey);
        }

        if (accessTokenForQuery is not null)
        {
            query = AppendQuery(query, "access_token", accessTokenForQuery);
        }

        builder.Query = query;
        return builder.Uri;
    }

    /// <summary>The URL without its query, safe to put in exceptions and logs (the query may hold a token).</summary>
    public static string Redact(Uri url) => url.GetLeftPart(UriPartial.Path);

    private static string AppendQuery(string query, string name, string value)
    {
        var pair = $"{name}={Uri.EscapeDataString(value)}";
        var existing = query.TrimStart('?');
        return existing.Length == 0 ? pair : $"{existing}&{pair}";
    }
}
