using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Authentication;

public sealed class TokenEndpointTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task IssuesATokenWhoseSubjectAndNameAreTheUserName()
    {
        using var http = fixture.Node.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("auth/token", new { userName = "alice.b-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("alice.b-1", body.RootElement.GetProperty("userId").GetString());
        var expiresAt = body.RootElement.GetProperty("expiresAt").GetString()!;
        Assert.EndsWith("Z", expiresAt, StringComparison.Ordinal);
        Assert.InRange(DateTime.Parse(expiresAt, null, System.Globalization.DateTimeStyles.RoundtripKind) - DateTime.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var jwt = new JsonWebToken(body.RootElement.GetProperty("accessToken").GetString());
        Assert.Equal("alice.b-1", jwt.Subject);
        Assert.Equal("alice.b-1", jwt.GetClaim("name").Value);
        Assert.Equal("realtimehub", jwt.Issuer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("thirty-three-characters-long-xxxx")]
    [InlineData("<script>")]
    [InlineData("a:b")]
    public async Task RefusesAnInvalidUserNameWithProblemDetails(string userName)
    {
        using var http = fixture.Node.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("auth/token", new { userName });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RefusesAMissingBody()
    {
        using var http = fixture.Node.CreateHttpClient();

        using var response = await http.PostAsync("auth/token", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task IsNotFoundWhenDevTokensAreOff()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Settings = { ["Auth:DevTokens"] = "false" } });
        using var http = node.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("auth/token", new { userName = "alice" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task IsOffByDefaultOutsideDevelopment()
    {
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Environment = "Production", Settings = { ["Auth:DevTokens"] = null } });
        using var http = node.CreateHttpClient();

        using var response = await http.PostAsJsonAsync("auth/token", new TokenRequest("alice"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
