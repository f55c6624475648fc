using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// A real Redis for tests. As an xUnit class or collection fixture it starts a Redis of its own on a free port of
/// 127.0.0.1 (no persistence), or uses <c>REDIS_URL</c> when that is set. Its Redis runs in a Testcontainers
/// container of the locally built image (<c>scripts/redis-image.sh</c>) where a Docker engine answers, else as a
/// <c>/usr/bin/redis-server</c> process (<see cref="RedisServerRuntime"/> decides once per run). The port stays
/// fixed across <see cref="StopAsync"/> and <see cref="StartAsync"/>. <see cref="StartLocalAsync"/> always starts a
/// private server, for tests that stop, restart or reconfigure it. Tests sharing one server keep apart with
/// <see cref="NewPrefix"/>.
/// </summary>
public sealed class RedisServerFixture : ISharedRedis, IAsyncDisposable
{
    private const int StartAttempts = 5;

    private readonly string[] _extraArguments;
    private readonly X509Certificate2? _tlsCertificate;
    private readonly bool _allowExternal;
    private IRedisServer? _server;
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

    /// <summary>The server's port on 127.0.0.1, the same after a restart.</summary>
    public int Port { get; private set; }

    /// <summary>True when <c>REDIS_URL</c> points at a server this fixture neither started nor can stop.</summary>
    public bool IsExternal { get; private set; }

    /// <summary>Starts a private Redis (never <c>REDIS_URL</c>) with extra arguments such as <c>--requirepass</c>.</summary>
    public static async Task<RedisServerFixture> StartLocalAsync(params string[] extraArguments)
    {
        var fixture = new RedisServerFixture(extraArguments, null, allowExternal: false);
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>Starts a private Redis that only speaks TLS, with the given self-signed certificate.</summary>
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

        var useContainers = await RedisServerRuntime.UseContainersAsync();
        if (_tlsCertificate is not null)
        {
            _tlsDirectory = WriteCertificateFiles(_tlsCertificate);
        }

        // Another process may grab the free port between probe and bind; a few fresh ports settle that.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            var spec = new RedisServerSpec(Port, _extraArguments, _tlsDirectory);
            IRedisServer server = useContainers ? new RedisContainerServer(spec) : new RedisProcessServer(spec);
            try
            {
                await server.StartAsync();
                _server = server;
                break;
            }
            catch (Exception ex)
            {
                await server.DisposeAsync();
                if (attempt == StartAttempts || !IsPortConflict(ex))
                {
                    throw;
                }
            }
        }

        Configuration = $"127.0.0.1:{Port}{(_tlsCertificate is null ? string.Empty : ",ssl=true,sslHost=localhost")}";
    }

    /// <summary>(Re)starts the server on <see cref="Port"/>; returns once it accepts connections.</summary>
    public Task StartAsync() => Server().StartAsync();

    /// <summary>Kills the server (like a crash: no goodbye to clients, no data kept).</summary>
    public Task StopAsync() => Server().StopAsync();

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }

        if (_tlsDirectory is not null)
        {
            Directory.Delete(_tlsDirectory, recursive: true);
            _tlsDirectory = null;
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

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

    /// <summary>redis-server's "bind: Address already in use", or Docker's "port is already allocated".</summary>
    private static bool IsPortConflict(Exception exception) =>
        exception.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("already allocated", StringComparison.OrdinalIgnoreCase);

    private IRedisServer Server()
    {
        if (IsExternal)
        {
            throw new InvalidOperationException("This test needs a Redis it can stop and start; REDIS_URL points at an external one.");
        }

        return _server ?? throw new InvalidOperationException("The fixture has not been initialized.");
    }
}
