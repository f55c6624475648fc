using RealtimeHub.Server.Redis;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisConnectionSettingsTests
{
    [Fact]
    public void HostPortAndEveryOptionAreParsed()
    {
        var settings = RedisConnectionSettings.Parse("redis.internal:6380, password=p=w, user=app ,ssl=true,connectTimeout=1500,commandTimeout=250,keepAlive=3,name=node-1,sslHost=cache");

        Assert.Equal("redis.internal", settings.Host);
        Assert.Equal(6380, settings.Port);
        Assert.Equal("p=w", settings.Password);
        Assert.Equal("app", settings.User);
        Assert.True(settings.Ssl);
        Assert.Equal("cache", settings.SslHost);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.CommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.KeepAlive);
        Assert.Equal("node-1", settings.ClientName);
    }

    [Fact]
    public void HostAloneUsesTheDefaultPortAndDefaults()
    {
        var settings = RedisConnectionSettings.Parse("localhost");

        Assert.Equal(("localhost", 6379), (settings.Host, settings.Port));
        Assert.Null(settings.Password);
        Assert.False(settings.Ssl);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ConnectTimeout);
    }

    [Fact]
    public void BracketedIpv6AddressIsParsed()
    {
        var settings = RedisConnectionSettings.Parse("[::1]:7000");

        Assert.Equal(("::1", 7000), (settings.Host, settings.Port));
        Assert.Equal("[::1]:7000", settings.EndPoint);
    }

    [Theory]
    [InlineData("redis://localhost:6390", "localhost", 6390, null, null, false)]
    [InlineData("rediss://:secret@cache.example:6400", "cache.example", 6400, null, "secret", true)]
    [InlineData("redis://app:p%40ss@10.0.0.5", "10.0.0.5", 6379, "app", "p@ss", false)]
    public void RedisUrlsAreParsed(string url, string host, int port, string? user, string? password, bool ssl)
    {
        var settings = RedisConnectionSettings.Parse(url);

        Assert.Equal((host, port, user, password, ssl), (settings.Host, settings.Port, settings.User, settings.Password, settings.Ssl));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("localhost:notaport", "invalid port")]
    [InlineData("localhost:70000", "invalid port")]
    [InlineData("localhost,timeout=5", "Unknown Redis option 'timeout'")]
    [InlineData("localhost,ssl=maybe", "true or false")]
    [InlineData("localhost,connectTimeout=-1", "positive whole number")]
    [InlineData("a:1,b:2", "only one endpoint")]
    [InlineData("password=x", "must start with 'host:port'")]
    [InlineData("::1", "IPv6")]
    [InlineData("http://localhost", "redis://")]
    public void MalformedConfigurationFailsWithAClearMessage(string configuration, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionSettings.Parse(configuration));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringNeverShowsThePassword()
    {
        var settings = RedisConnectionSettings.Parse("localhost:6379,password=hunter2,user=app");

        Assert.DoesNotContain("hunter2", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("localhost:6379", settings.ToString(), StringComparison.Ordinal);
    }
}
