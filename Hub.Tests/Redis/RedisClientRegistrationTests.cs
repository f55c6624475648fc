using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RealtimeHub.Server.Redis;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Redis;

public sealed class RedisClientRegistrationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task AddRedisClientConnectsBothConnectionsWhenTheAppStarts()
    {
        await using var provider = Build(redis.Configuration);

        await StartAsync(provider);

        Assert.True(provider.GetRequiredService<RedisConnection>().IsConnected);
        Assert.True(provider.GetRequiredService<RedisSubscriber>().IsConnected);
        Assert.Equal("PONG", (await provider.GetRequiredService<RedisConnection>().ExecuteAsync("PING")).AsString());
    }

    [Fact]
    public async Task AppStartsPromptlyWhileRedisIsDownAndIsNotConnected()
    {
        await using var down = await RedisServerFixture.StartLocalAsync();
        await down.StopAsync();
        await using var provider = Build(down.Configuration);

        var stopwatch = Stopwatch.StartNew();
        await StartAsync(provider);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"start took {stopwatch.Elapsed}");
        Assert.False(provider.GetRequiredService<RedisConnection>().IsConnected);
    }

    [Fact]
    public async Task MalformedConfigurationFailsTheStartWithTheReason()
    {
        await using var provider = Build("localhost:not-a-port");

        var error = await Assert.ThrowsAsync<FormatException>(() => StartAsync(provider));

        Assert.Contains("invalid port", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
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
