using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Authentication;

public sealed class HubAuthenticationTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly DateTime Now = DateTime.UtcNow;

    public static TheoryData<string, string?> BadTokens => new()
    {
        { "missing", null },
        { "garbage", "not-a-jwt" },
        { "wrong key", TestAuth.CreateToken("mallory", signingKey: "some-other-signing-key-that-is-long-enough") },
        { "expired", TestAuth.CreateToken("alice", notBefore: Now.AddHours(-2), expires: Now.AddHours(-1)) },
        { "not yet valid", TestAuth.CreateToken("alice", notBefore: Now.AddHours(1), expires: Now.AddHours(2)) },
        { "wrong issuer", TestAuth.CreateToken("alice", issuer: "someone-else") },
        { "wrong audience", TestAuth.CreateToken("alice", audience: "someone-else") },
        { "alg none", TestAuth.CreateUnsignedToken("alice") },
        { "tampered signature", Tamper(TestAuth.CreateToken("alice")) },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task NegotiateRefusesBadTokensWith401(string why, string? token)
    {
        using var http = fixture.Node.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/chat/negotiate?negotiateVersion=1");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: got {(int)response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task WebSocketUpgradeRefusesBadTokensWith401(string why, string? token)
    {
        var status = await UpgradeAsync(token, inQuery: false);

        Assert.True(status == HttpStatusCode.Unauthorized, $"{why}: got {(int)status}");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task WebSocketUpgradeRefusesBadQueryStringTokensWith401(string why, string? token)
    {
        var status = await UpgradeAsync(token, inQuery: true);

        Assert.True(status == HttpStatusCode.Unauthorized, $"{why}: got {(int)status}");
    }

    [Fact]
    public async Task NegotiateAcceptsAValidBearerToken()
    {
        using var http = fixture.Node.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Node.IssueToken("alice"));

        using var response = await http.PostAsync("hubs/chat/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NegotiateAcceptsATokenFromTheQueryString()
    {
        using var http = fixture.Node.CreateHttpClient();

        using var response = await http.PostAsync($"hubs/chat/negotiate?negotiateVersion=1&access_token={fixture.Node.IssueToken("alice")}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WebSocketUpgradeAcceptsAValidQueryStringToken()
    {
        var status = await UpgradeAsync(fixture.Node.IssueToken("alice"), inQuery: true);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
    }

    private async Task<HttpStatusCode> UpgradeAsync(string? token, bool inQuery)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(fixture.Node.HubUri) { Scheme = "ws" };
        if (token is not null && inQuery)
        {
            uri.Query = $"access_token={Uri.EscapeDataString(token)}";
        }
        else if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(uri.Uri, timeout.Token);
        }
        catch (WebSocketException)
        {
            // The status code is what the test is about; the exception only says the upgrade failed.
        }

        return socket.HttpStatusCode;
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }
}
