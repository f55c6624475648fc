using System.Net;
using System.Text.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Http;

public sealed class HealthAndStatsTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task HealthzAnswers200WhileTheProcessServes()
    {
        using var http = fixture.Node.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task ReadyzAnswers200InEmbeddedMode()
    {
        using var http = fixture.Node.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("readyz")).StatusCode);
    }

    [Fact]
    public async Task StatsReportsTheContractFieldsInCamelCase()
    {
        using var http = fixture.Node.CreateHttpClient();

        using var stats = JsonDocument.Parse(await http.GetStringAsync("stats"));

        var root = stats.RootElement;
        Assert.Equal("memory", root.GetProperty("mode").GetString());
        Assert.True(root.GetProperty("backplaneConnected").GetBoolean());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("node").GetString()));
        foreach (var counter in new[] { "connections", "usersOnline", "rooms", "messagesReceived", "messagesDelivered" })
        {
            Assert.True(root.GetProperty(counter).GetInt64() >= 0, counter);
        }
    }

    [Fact]
    public async Task ResponsesCarrySecurityHeaders()
    {
        using var http = fixture.Node.CreateHttpClient();

        using var response = await http.GetAsync("healthz");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
