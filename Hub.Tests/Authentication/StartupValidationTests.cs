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
}
