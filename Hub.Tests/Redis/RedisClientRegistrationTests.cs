using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;
using StackExchange.Redis;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisClientRegistrationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task AddRedisClientRegistersOneMultiplexerConnectedWhenTheAppStarts()
    {
        await using var provider = Build(redis.Configuration);

        await StartAsync(provider);

        var multiplexer = provider.GetRequiredService<IConnectionMultiplexer>();
        Assert.Same(multiplexer, provider.GetRequiredService<IConnectionMultiplexer>());
        Assert.True(multiplexer.IsConnected);
        Assert.Equal("PONG", (string?)await multiplexer.RunAsync("PING"));
        Assert.Equal("node-under-test", (string?)await multiplexer.RunAsync("CLIENT", "GETNAME"));
    }

    [Fact]
    public async Task AppStartsWhileRedisIsDownAndConnectsWhenItComesUp()
    {
        await using var down = await RedisServerFixture.StartLocalAsync();
        await down.StopAsync();
        await using var provider = Build($"{down.Configuration},connectTimeout=1000");

        var stopwatch = Stopwatch.StartNew();
        await StartAsync(provider);
        var multiplexer = provider.GetRequiredService<IConnectionMultiplexer>();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"start took {stopwatch.Elapsed}");
        Assert.False(multiplexer.IsConnected);
        await Assert.ThrowsAsync<RedisConnectionException>(() => multiplexer.GetDatabase().PingAsync()); // fails fast, not queued

        await down.StartAsync();
        await Poll.UntilAsync(() => Task.FromResult(multiplexer.IsConnected), "the multiplexer to connect once Redis is up");
    }

    [Fact]
    public void ConfigurationDefaultsLetANodeStartWithoutRedisAndFailFast()
    {
        var options = RedisConfiguration.Parse("127.0.0.1:6399,password=p");
        var strict = RedisConfiguration.Parse("127.0.0.1:6399,abortConnect=true");

        Assert.False(options.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.Equal("p", options.Password);
        Assert.True(strict.AbortOnConnectFail);
        Assert.True(options.ReconnectRetryPolicy.ShouldRetry(0, 300)); // first retry after 250 ms, not the library's 2.5 s
        Assert.False(options.ReconnectRetryPolicy.ShouldRetry(0, 200));
    }

    [Theory]
    [InlineData("redis://cache.internal:6380", "cache.internal", 6380, null, null, false)]
    [InlineData("rediss://app:p%40ss@cache.internal", "cache.internal", 6379, "app", "p@ss", true)]
    [InlineData("redis://:only-password@10.0.0.5", "10.0.0.5", 6379, null, "only-password", false)]
    public void RedisUrlsBecomeStackExchangeRedisOptions(string url, string host, int port, string? user, string? password, bool ssl)
    {
        var options = RedisConfiguration.Parse(url);

        Assert.Equal($"{host}:{port}", options.EndPoints.Single().ToString()!.Replace("Unspecified/", string.Empty, StringComparison.Ordinal));
        Assert.Equal(user, options.User);
        Assert.Equal(password, options.Password);
        Assert.Equal(ssl, options.Ssl);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public async Task MalformedConfigurationFailsTheStartWithTheReason()
    {
        await using var provider = Build("localhost:6379,notAnOption=1");

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => StartAsync(provider));

        Assert.Contains("notAnOption", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<NodeOptions>().Configure(options => options.Name = "node-under-test");
        services.AddOptions<RedisOptions>().Configure(options => options.Configuration = configuration);
        services.AddRedisClient();
        services.AddRedisClient();
        return services.BuildServiceProvider();
    }

    private static async Task StartAsync(IServiceProvider provider)
    {
        var hosted = provider.GetServices<IHostedService>().ToList();
        Assert.Single(hosted);
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }
}
