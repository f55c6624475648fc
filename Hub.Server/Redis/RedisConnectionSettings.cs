using System.Globalization;
using System.Net.Security;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// Where and how to connect: parsed from <c>Redis:Configuration</c>, e.g.
/// <c>redis.internal:6379,password=…,user=app,ssl=true,connectTimeout=5000</c>, or from a
/// <c>redis://user:password@host:port</c> / <c>rediss://…</c> URL.
/// </summary>
public sealed record RedisConnectionSettings
{
    public const int DefaultPort = 6379;

    /// <summary>Host name or IP address. Required.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port. Default 6379.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>ACL user for <c>AUTH user password</c>. Default none (<c>AUTH password</c>, or no AUTH).</summary>
    public string? User { get; init; }

    /// <summary>Password sent with <c>AUTH</c>. Default none.</summary>
    public string? Password { get; init; }

    /// <summary>Wrap the connection in TLS. Default false.</summary>
    public bool Ssl { get; init; }

    /// <summary>Name the server certificate must carry. Default <see cref="Host"/>.</summary>
    public string? SslHost { get; init; }

    /// <summary>Custom server certificate check (self-signed or pinned certificates). Default: the system's trust store.</summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>Limit for TCP connect, TLS and AUTH together. Default 5 s. Option <c>connectTimeout</c> (ms).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Limit for a reply; a command past it fails with <see cref="TimeoutException"/>. Default 5 s. Option <c>commandTimeout</c> (ms).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A PING is sent this often; no answer within <see cref="CommandTimeout"/> drops the connection. Default 10 s. Option <c>keepAlive</c> (s).</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay between failed reconnect attempts; doubles each attempt. Default 100 ms.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the reconnect delay. Default 5 s. Option <c>reconnectMaxDelay</c> (ms).</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent as <c>CLIENT SETNAME</c> so operators see who is connected. Default none. Option <c>name</c>.</summary>
    public string? ClientName { get; init; }

    /// <summary><c>host:port</c>, for logs and messages (never the password).</summary>
    public string EndPoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>Parses <c>host[:port][,key=value…]</c> or a <c>redis://</c> / <c>rediss://</c> URL.</summary>
    /// <exception cref="FormatException">The text is empty or malformed, or names an unknown option.</exception>
    public static RedisConnectionSettings Parse(string configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration))
        {
            throw new FormatException("Redis configuration is empty; expected 'host:port' with optional ',password=…', ',user=…', ',ssl=true', ',connectTimeout=ms'.");
        }

        var parts = configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var settings = parts[0].Contains("://", StringComparison.Ordinal) ? ParseUrl(parts[0]) : ParseEndPoint(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            settings = ApplyOption(settings, part);
        }

        return settings;
    }

    public override string ToString() =>
        $"{EndPoint}{(User is null ? string.Empty : $",user={User}")}{(Password is null ? string.Empty : ",password=*****")}{(Ssl ? ",ssl=true" : string.Empty)}";

    private static RedisConnectionSettings ParseEndPoint(string text)
    {
        if (text.Contains('='))
        {
            throw new FormatException($"Redis configuration must start with 'host:port', not an option ('{text.Split('=')[0]}=…').");
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            // [IPv6]:port
            var close = text.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"Redis endpoint '{text}' has an unterminated '[' (IPv6 addresses look like [::1]:6379).");
            }

            host = text[1..close];
            var rest = text[(close + 1)..];
            port = rest.Length == 0 ? null : rest.StartsWith(':') ? rest[1..] : throw new FormatException($"Redis endpoint '{text}' is malformed.");
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
            if (host.Contains(':'))
            {
                throw new FormatException($"Redis endpoint '{text}' is ambiguous; write IPv6 addresses as [::1]:6379.");
            }
        }

        if (host.Length == 0)
        {
            throw new FormatException($"Redis endpoint '{text}' has no host.");
        }

        return new RedisConnectionSettings { Host = host, Port = port is null ? DefaultPort : ParsePort(port, text) };
    }

    private static RedisConnectionSettings ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "redis" && uri.Scheme != "rediss") || uri.Host.Length == 0)
        {
            throw new FormatException("Redis URL must look like redis://[user:password@]host[:port] or rediss://… (TLS).");
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var info = uri.UserInfo.Split(':', 2);
            user = info.Length == 2 && info[0].Length > 0 ? Uri.UnescapeDataString(info[0]) : null;
            password = Uri.UnescapeDataString(info.Length == 2 ? info[1] : info[0]);
        }

        return new RedisConnectionSettings
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
            User = user,
            Password = password,
            Ssl = uri.Scheme == "rediss",
        };
    }

    private static RedisConnectionSettings ApplyOption(RedisConnectionSettings settings, string part)
    {
        var equals = part.IndexOf('=');
        if (equals <= 0)
        {
            throw new FormatException($"Redis option '{part}' is not of the form key=value (only one endpoint is supported).");
        }

        var key = part[..equals].Trim();
        var value = part[(equals + 1)..].Trim();
        return key.ToLowerInvariant() switch
        {
            "password" => settings with { Password = value },
            "user" => settings with { User = value.Length == 0 ? null : value },
            "ssl" => settings with { Ssl = ParseBool(key, value) },
            "sslhost" => settings with { SslHost = value },
            "connecttimeout" => settings with { ConnectTimeout = ParseDuration(key, value, TimeSpan.FromMilliseconds) },
            "commandtimeout" => settings with { CommandTimeout = ParseDuration(key, value, TimeSpan.FromMilliseconds) },
            "keepalive" => settings with { KeepAlive = ParseDuration(key, value, TimeSpan.FromSeconds) },
            "reconnectmaxdelay" => settings with { ReconnectMaxDelay = ParseDuration(key, value, TimeSpan.FromMilliseconds) },
            "name" => settings with { ClientName = value },
            _ => throw new FormatException(
                $"Unknown Redis option '{key}'. Known: password, user, ssl, sslHost, connectTimeout (ms), commandTimeout (ms), keepAlive (s), reconnectMaxDelay (ms), name."),
        };
    }

    private static int ParsePort(string port, string endPoint) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 65535
            ? value
            : throw new FormatException($"Redis endpoint '{endPoint}' has an invalid port '{port}' (expected 1-65535).");

    private static bool ParseBool(string key, string value) =>
        bool.TryParse(value, out var result) ? result : throw new FormatException($"Redis option '{key}' must be true or false, not '{value}'.");

    private static TimeSpan ParseDuration(string key, string value, Func<double, TimeSpan> unit) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? unit(number)
            : throw new FormatException($"Redis option '{key}' must be a positive whole number, not '{value}'.");
}
