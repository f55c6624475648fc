using StackExchange.Redis;

namespace RealtimeHub.Server.Redis;

/// <summary>Turns <see cref="RedisOptions.Configuration"/> into StackExchange.Redis <see cref="ConfigurationOptions"/> with the hub's defaults.</summary>
public static class RedisConfiguration
{
    /// <summary>
    /// Parses a StackExchange.Redis configuration string or a <c>redis://[user:password@]host[:port]</c> URL
    /// (<c>rediss://</c> for TLS). Unless the text says otherwise, a node starts while Redis is down
    /// (<c>abortConnect=false</c>) and commands fail at once while it is disconnected instead of queueing, so callers get a
    /// clear "unavailable" and nothing runs later behind their back.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty or not a valid configuration.</exception>
    public static ConfigurationOptions Parse(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var text = configuration.Trim();
        var options = text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(text)
            : ConfigurationOptions.Parse(text);
        if (!text.Contains("abortConnect=", StringComparison.OrdinalIgnoreCase))
        {
            options.AbortOnConnectFail = false;
        }

        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Back within a quarter second of a Redis restart, and never more than 5 s apart while it stays away (the
        // library's default waits half the connect timeout and grows from there). Set outright: the configuration string
        // cannot name a policy, and the property's getter fills in that default, so "??=" would never assign.
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);

        // The .NET thread pool, not the library's dedicated one: handing every flush to its threads (Monitor.Pulse and
        // Wait) took about a third of a node's CPU in the feeds benchmark on a 2-core machine. The hub never blocks on
        // Redis synchronously, which is what that pool guards against.
        options.SocketManager ??= SocketManager.ThreadPool;
        return options;
    }

    private static ConfigurationOptions FromUrl(string text)
    {
        var queryAt = text.IndexOf('?', StringComparison.Ordinal);
        var uri = new Uri(queryAt < 0 ? text : text[..queryAt]);
        var options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort ? 6379 : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            (options.User, options.Password) = parts.Length == 2
                ? (parts[0].Length == 0 ? null : Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]))
                : (null, Uri.UnescapeDataString(parts[0]));
        }

        return options;
    }
}
