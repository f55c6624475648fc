using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

/// <summary><c>Redis:Configuration</c> is StackExchange.Redis's own string: password, ACL user and TLS reach Redis as written.</summary>
public sealed class RedisAuthenticationTests
{
    [Fact]
    public async Task PasswordFromTheConfigurationAuthenticates()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");

        await using var connection = await RedisTestConnections.ConnectAsync($"{redis.Configuration},password=s3cret");

        Assert.Equal("PONG", (string?)await connection.RunAsync("PING"));
    }

    [Fact]
    public async Task MissingPasswordLeavesTheNodeDisconnected()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");

        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration.Parse(redis.Configuration));

        Assert.False(connection.IsConnected);
        await Assert.ThrowsAsync<RedisConnectionException>(() => connection.GetDatabase().PingAsync());
    }

    [Fact]
    public async Task WrongPasswordFailsTheConnectWithoutEchoingThePassword()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(
            () => ConnectionMultiplexer.ConnectAsync(RedisConfiguration.Parse($"{redis.Configuration},password=not-the-password,abortConnect=true")));

        Assert.Contains("connect", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not-the-password", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AclUserAndPasswordAuthenticate()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using (var admin = await RedisTestConnections.ConnectAsync(redis.Configuration))
        {
            await admin.RunAsync("ACL", "SETUSER", "hub", "on", ">hub-pass", "~*", "&*", "+@all");
            await admin.RunAsync("ACL", "SETUSER", "default", "off");
        }

        await using var connection = await RedisTestConnections.ConnectAsync($"{redis.Configuration},user=hub,password=hub-pass");

        Assert.Equal("hub", (string?)await connection.RunAsync("ACL", "WHOAMI"));
    }

    [Fact]
    public async Task RedisUrlWithUserAndPasswordAuthenticates()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");

        await using var connection = await RedisTestConnections.ConnectAsync($"redis://:s3cret@127.0.0.1:{redis.Port}");

        Assert.Equal("PONG", (string?)await connection.RunAsync("PING"));
    }

    [Fact]
    public async Task TlsConnectionWorksWithAPinnedSelfSignedCertificate()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var redis = await RedisServerFixture.StartLocalTlsAsync(certificate);
        var options = RedisConfiguration.Parse(redis.Configuration);
        options.CertificateValidation += (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString();

        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var channel = RedisChannel.Literal(RedisServerFixture.NewPrefix("tls"));
        var received = new EventLog<string>();
        var queue = await connection.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(message => received.Add(message.Message!));
        await connection.GetSubscriber().PublishAsync(channel, "over tls");

        Assert.True(options.Ssl);
        Assert.Equal(["over tls"], await received.WaitForCountAsync(1, "message over TLS"));
    }

    [Fact]
    public async Task TlsConnectionRejectsAnUntrustedCertificate()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var redis = await RedisServerFixture.StartLocalTlsAsync(certificate);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(RedisConfiguration.Parse(redis.Configuration));

        Assert.False(connection.IsConnected);
    }

    private static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
