using System.Net;
using System.Net.Http.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// CORS admits exactly the configured origins (<c>Auth:AllowedOrigins</c>) and none by default; the page and every
/// other response carry the security headers (Http/HealthAndStatsTests checks /healthz).
/// </summary>
public sealed class CorsAndHeadersTests(CorsNodeFixture fixture) : IClassFixture<CorsNodeFixture>
{
    private const string AllowedOrigin = CorsNodeFixture.AllowedOrigin;

    [Theory]
    [InlineData("hubs/chat/negotiate?negotiateVersion=1")]
    [InlineData("auth/token")]
    public async Task APreflightFromAConfiguredOriginIsAllowedWithCredentials(string path)
    {
        using var response = await PreflightAsync(fixture.Node, path, AllowedOrigin);

        Assert.Equal(AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
    }

    [Theory]
    [InlineData("hubs/chat/negotiate?negotiateVersion=1", "https://evil.example")]
    [InlineData("hubs/chat/negotiate?negotiateVersion=1", "https://chat.example.com.evil.example")]
    [InlineData("hubs/chat/negotiate?negotiateVersion=1", "http://chat.example.com")]
    [InlineData("hubs/chat/negotiate?negotiateVersion=1", "null")]
    [InlineData("auth/token", "https://evil.example")]
    public async Task APreflightFromAnyOtherOriginGetsNoAllowOrigin(string path, string origin)
    {
        using var response = await PreflightAsync(fixture.Node, path, origin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), $"{origin} was allowed");
    }

    [Fact]
    public async Task ARequestFromADisallowedOriginIsAnsweredWithoutAllowOriginSoTheBrowserHidesIt()
    {
        using var http = fixture.Node.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "auth/token") { Content = JsonContent.Create(new { userName = "alice" }) };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task NoOriginIsAllowedWhenNoneIsConfigured()
    {
        await using var node = await HubNode.StartAsync();

        using var response = await PreflightAsync(node, "hubs/chat/negotiate?negotiateVersion=1", AllowedOrigin);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("index.html")]
    [InlineData("no/such/page")]
    public async Task ThePageAndEverythingAroundItCarrySecurityHeaders(string path)
    {
        using var http = fixture.Node.CreateHttpClient();

        using var response = await http.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        if (path.Length == 0 && File.Exists(Path.Combine(RepositoryPaths.Server, "wwwroot", "index.html")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HubNode node, string path, string origin)
    {
        using var http = node.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,x-requested-with,content-type");
        return await http.SendAsync(request);
    }
}
