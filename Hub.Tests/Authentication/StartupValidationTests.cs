using Microsoft.Extensions.Options;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Authentication;

public sealed class StartupValidationTests
{
    [Fact]
    public async Task RefusesToStartOutsideDevelopmentWithoutASigningKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Environment = "Production",
            Settings = { ["Auth:SigningKey"] = "" },
        }));

        Assert.Contains("Auth:SigningKey", error.Message);
    }

    [Fact]
    public async Task RefusesASigningKeyShorterThan32Characters()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Settings = { ["Auth:SigningKey"] = "too-short" },
        }));

        Assert.Contains("32", error.Message);
    }

    [Fact]
    public async Task StartsInDevelopmentWithTheDevelopmentKey()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Environment = "Development", Settings = { ["Auth:SigningKey"] = "" } });
        using var http = node.CreateHttpClient();

        using var response = await http.PostAsync("auth/token", new StringContent("""{"userName":"dev"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RefusesInvalidChatLimits()
    {
        await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Settings = { ["Chat:MaxMessageLength"] = "0" },
        }));
    }

    [Theory]
    [InlineData("Chat:RateLimit:Burst", "0")]
    [InlineData("Chat:RateLimit:PerSecond", "0")]
    [InlineData("Chat:RateLimit:DisconnectAfterRefusals", "0")]
    [InlineData("Chat:PrivateMessageDeduplicationWindow", "00:00:00")]
    public async Task RefusesInvalidNestedChatSettings(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Settings = { [key] = value },
        }));

        Assert.Contains(key.Split(':')[^1], error.Message);
    }

    [Fact]
    public async Task RefusesPresenceTimingsUnderWhichLiveNodesWouldBeReaped()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            RedisConfiguration = redis.Configuration,
            ChannelPrefix = RedisServerFixture.NewPrefix("validation"),
            Settings = { ["Redis:Presence:HeartbeatInterval"] = "00:00:10", ["Redis:Presence:NodeTimeout"] = "00:00:05" },
        }));

        Assert.Contains("NodeTimeout", error.Message);
    }

    [Fact]
    public async Task WithOnlyAnAuthorityDevTokensAreOffEvenInDevelopment()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions
        {
            Environment = "Development",
            Settings = { ["Auth:SigningKey"] = "", ["Auth:DevTokens"] = null, ["Auth:Authority"] = "https://login.example.invalid/" },
        });
        using var http = node.CreateHttpClient();

        using var response = await http.PostAsync("auth/token", new StringContent("""{"userName":"dev"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RefusesDevTokensWithoutAKeyToSignThem()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Settings = { ["Auth:SigningKey"] = "", ["Auth:DevTokens"] = "true", ["Auth:Authority"] = "https://login.example.invalid/" },
        }));

        Assert.Contains("Auth:DevTokens", error.Message);
    }
}
