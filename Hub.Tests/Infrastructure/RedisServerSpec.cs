using System.Globalization;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>What a <see cref="RedisServerFixture"/> asks of its server, whichever way it runs.</summary>
/// <param name="Port">The host port on 127.0.0.1, kept across restarts.</param>
/// <param name="ExtraArguments">Passed to redis-server after the defaults, so they win (e.g. <c>--appendonly yes</c>).</param>
/// <param name="TlsDirectory">A host directory with <c>redis.crt</c> and <c>redis.key</c>: the server then speaks TLS only.</param>
internal sealed record RedisServerSpec(int Port, IReadOnlyList<string> ExtraArguments, string? TlsDirectory)
{
    /// <summary>The redis-server arguments: listening on <paramref name="bind"/>:<paramref name="port"/>, no persistence by default.</summary>
    /// <param name="tlsDirectory">Where the server itself sees <see cref="TlsDirectory"/>.</param>
    public IReadOnlyList<string> Arguments(string bind, int port, string? tlsDirectory)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        List<string> arguments = ["--bind", bind, "--save", string.Empty, "--appendonly", "no", "--logfile", string.Empty];
        if (tlsDirectory is null)
        {
            arguments.AddRange(["--port", portText]);
        }
        else
        {
            var cert = $"{tlsDirectory}/redis.crt";
            arguments.AddRange(
            [
                "--port", "0", "--tls-port", portText, "--tls-cert-file", cert, "--tls-key-file", $"{tlsDirectory}/redis.key",
                "--tls-ca-cert-file", cert, "--tls-auth-clients", "no",
            ]);
        }

        arguments.AddRange(ExtraArguments);
        return arguments;
    }

    /// <summary>Directories named by <c>--dir</c> (persistence tests): a container must see them at the same path.</summary>
    public IEnumerable<string> DataDirectories() =>
        ExtraArguments.Select((argument, index) => (argument, index))
            .Where(a => a.argument == "--dir" && a.index + 1 < ExtraArguments.Count)
            .Select(a => ExtraArguments[a.index + 1]);
}
