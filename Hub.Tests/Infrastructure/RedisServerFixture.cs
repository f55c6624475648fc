using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A real Redis for tests. As an xUnit class or collection fixture it starts <c>/usr/bin/redis-server</c> on a free
/// port (no persistence), or uses <c>REDIS_URL</c> when that is set. <see cref="StartLocalAsync"/> always starts a
/// private local server, for tests that stop, restart or reconfigure it. Tests sharing one server keep apart with
/// <see cref="NewPrefix"/>.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime, IAsyncDisposable
{
    private const string RedisServerPath = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string[] _extraArguments;
    private readonly X509Certificate2? _tlsCertificate;
    private readonly bool _allowExternal;
    private Process? _process;
    private string? _tlsDirectory;

    public RedisServerFixture()
        : this([], null, allowExternal: true)
    {
    }

    private RedisServerFixture(string[] extraArguments, X509Certificate2? tlsCertificate, bool allowExternal)
    {
        _extraArguments = extraArguments;
        _tlsCertificate = tlsCertificate;
        _allowExternal = allowExternal;
    }

    /// <summary>The <c>Redis:Configuration</c> string that reaches this server.</summary>
    public string Configuration { get; private set; } = string.Empty;

    public int Port { get; private set; }

    /// <summary>True when <c>REDIS_URL</c> points at a server this fixture neither started nor can stop.</summary>
    public bool IsExternal { get; private set; }

    /// <summary>Starts a private redis-server (never <c>REDIS_URL</c>) with extra arguments such as <c>--requirepass</c>.</summary>
    public static async Task<RedisServerFixture> StartLocalAsync(params string[] extraArguments)
    {
        var fixture = new RedisServerFixture(extraArguments, null, allowExternal: false);
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>Starts a private redis-server that only speaks TLS, with the given self-signed certificate.</summary>
    public static async Task<RedisServerFixture> StartLocalTlsAsync(X509Certificate2 certificate)
    {
        var fixture = new RedisServerFixture([], certificate, allowExternal: false);
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>A key/channel prefix no other test uses.</summary>
    public static string NewPrefix(string hint = "test") => Unique.Name($"rh-{hint}");

    public async Task InitializeAsync()
    {
        var url = _allowExternal ? Environment.GetEnvironmentVariable("REDIS_URL") : null;
        if (!string.IsNullOrWhiteSpace(url))
        {
            IsExternal = true;
            Configuration = url;
            return;
        }

        // Another process may grab the free port between probe and bind; a few fresh ports settle that.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            try
            {
                await StartAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
            }
        }

        Configuration = $"127.0.0.1:{Port}{(_tlsCertificate is null ? string.Empty : ",ssl=true,sslHost=localhost")}";
    }

    /// <summary>(Re)starts the server process on <see cref="Port"/>; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        EnsureLocal();
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        var info = new ProcessStartInfo(RedisServerPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in BuildArguments())
        {
            info.ArgumentList.Add(argument);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new EventLog<string>();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Add(e.Data);
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"redis-server exited during start: {string.Join(" | ", output.Snapshot().TakeLast(5))}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (Exception)
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Kills the server (like a crash: no goodbye to clients, no data kept).</summary>
    public async Task StopAsync()
    {
        EnsureLocal();
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (!IsExternal)
        {
            await StopAsync();
        }

        if (_tlsDirectory is not null)
        {
            Directory.Delete(_tlsDirectory, recursive: true);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private IEnumerable<string> BuildArguments()
    {
        string[] common = ["--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--logfile", string.Empty];
        if (_tlsCertificate is null)
        {
            return [.. common, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. _extraArguments];
        }

        _tlsDirectory ??= WriteCertificateFiles(_tlsCertificate);
        var cert = Path.Combine(_tlsDirectory, "redis.crt");
        var key = Path.Combine(_tlsDirectory, "redis.key");
        return
        [
            .. common, "--port", "0", "--tls-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tls-cert-file", cert, "--tls-key-file", key, "--tls-ca-cert-file", cert, "--tls-auth-clients", "no", .. _extraArguments,
        ];
    }

    private static string WriteCertificateFiles(X509Certificate2 certificate)
    {
        var directory = Directory.CreateTempSubdirectory("rh-redis-tls-").FullName;
        File.WriteAllText(Path.Combine(directory, "redis.crt"), certificate.ExportCertificatePem());
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The test certificate needs an RSA key.");
        File.WriteAllText(Path.Combine(directory, "redis.key"), key.ExportPkcs8PrivateKeyPem());
        return directory;
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void EnsureLocal()
    {
        if (IsExternal)
        {
            throw new InvalidOperationException("This test needs a redis-server it can stop and start; REDIS_URL points at an external one.");
        }
    }
}
