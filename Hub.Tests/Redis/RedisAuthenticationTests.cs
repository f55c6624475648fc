using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisAuthenticationTests
{
    [Fact]
    public async Task PasswordFromTheConfigurationAuthenticates()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");
        var settings = RedisConnectionSettings.Parse($"{redis.Configuration},password=s3cret");

        await using var connection = await RedisConnection.ConnectAsync(settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(settings);

        Assert.Equal("PONG", (await connection.ExecuteAsync("PING")).AsString());
        Assert.True(subscriber.IsConnected);
    }

    [Fact]
    public async Task MissingPasswordFailsTheConnectWithNoAuth()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(redis.Settings));

        Assert.Contains("NOAUTH", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordFailsTheConnectWithoutEchoingThePassword()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", "s3cret");
        var settings = redis.Settings with { Password = "not-the-password" };

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(settings));

        Assert.Contains("WRONGPASS", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AclUserAndPasswordAuthenticate()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();
        await using (var admin = await RedisConnection.ConnectAsync(redis.Settings))
        {
            await admin.ExecuteAsync("ACL", "SETUSER", "hub", "on", ">hub-pass", "~*", "&*", "+@all");
            await admin.ExecuteAsync("ACL", "SETUSER", "default", "off");
        }

        var settings = RedisConnectionSettings.Parse($"{redis.Configuration},user=hub,password=hub-pass");
        await using var connection = await RedisConnection.ConnectAsync(settings);

        Assert.Equal("hub", (await connection.ExecuteAsync("ACL", "WHOAMI")).AsString());
        await Assert.ThrowsAsync<RedisConnectionException>(() => RedisConnection.ConnectAsync(redis.Settings));
    }

    [Fact]
    public async Task TlsConnectionWorksWithAPinnedSelfSignedCertificate()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var redis = await RedisServerFixture.StartLocalTlsAsync(certificate);

        await using var connection = await RedisConnection.ConnectAsync(redis.Settings);
        await using var subscriber = await RedisSubscriber.ConnectAsync(redis.Settings);
        var channel = RedisServerFixture.NewPrefix("tls");
        var received = new EventLog<string>();
        await using var subscription = await subscriber.SubscribeAsync(channel, RedisSubscriberTests.Collect(received));
        await connection.PublishAsync(channel, "over tls");

        Assert.True(redis.Settings.Ssl);
        Assert.Equal(["over tls"], await received.WaitForCountAsync(1, "message over TLS"));
    }

    [Fact]
    public async Task TlsConnectionRejectsAnUntrustedCertificate()
    {
        using var certificate = CreateSelfSignedCertificate();
        await using var redis = await RedisServerFixture.StartLocalTlsAsync(certificate);

        var failure = await Assert.ThrowsAsync<RedisConnectionException>(
            () => RedisConnection.ConnectAsync(redis.Settings with { CertificateValidation = null }));

        Assert.Contains(redis.Settings.EndPoint, failure.Message, StringComparison.Ordinal);
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
