using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Outside Development, nothing unsafe is on by default: the dev token endpoint is off unless enabled, and a node
/// will not start without a signing key of its own. Extends Authentication/TokenEndpointTests and
/// StartupValidationTests (which cover Production) to the other environments.
/// </summary>
public sealed class SecurityDefaultsTests
{
        [Theory]
    [InlineData("Staging")]
    [InlineData("QA")]
    public async Task TheDevTokenEndpointIsOffByDefaultInEveryEnvironmentButDevelopment(string environment)
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Environment = environment, Settings = { ["Auth:DevTokens"] = null } });
        using var http = node.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("auth/token", new { userName = "alice" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheDevTokenEndpointCanBeTurnedOnOutsideDevelopmentOnlyExplicitly()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Environment = "Staging", Settings = { ["Auth:DevTokens"] = "true" } });
        using var http = node.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("auth/token", new { userName = "alice" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("QA")]
    public async Task ANodeOutsideDevelopmentRefusesToStartWithoutASigningKey(string environment)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Environment = environment,
            Settings = { ["Auth:SigningKey"] = "" },
        }));

        Assert.Contains("Auth:SigningKey", error.Message);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("Production")]
    public async Task ANodeOutsideDevelopmentRefusesThePublicDevelopmentKey(string environment)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Environment = environment,
            Settings = { ["Auth:SigningKey"] = ForgedTokens.PublicDevelopmentKey },
        }));

        Assert.Contains("development key", error.Message);
    }
}
