using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Forged and malformed tokens beyond those in Authentication/HubAuthenticationTests (missing, garbage, wrong key,
/// expired, not yet valid, wrong issuer or audience, alg none, tampered): each is refused with 401 on negotiate and
/// on the WebSocket upgrade, and so never reaches the hub.
/// </summary>
public sealed class TokenVariantTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    public static TheoryData<string, string> ForgedTokenCases => new()
    {
        { "HS256 keyed with the public issuer name", ForgedTokens.Sign(ForgedTokens.Header(), ForgedTokens.Claims("mallory"), TestAuth.Issuer) },
        { "HS256 keyed with the public development key", ForgedTokens.Sign(ForgedTokens.Header(), ForgedTokens.Claims("mallory"), ForgedTokens.PublicDevelopmentKey) },
        { "no sub claim", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c.Remove("sub"))) },
        { "empty sub claim", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c["sub"] = "")) },
        { "blank sub claim", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c["sub"] = "   ")) },
        { "sub with a control character", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c["sub"] = "mal\nlory")) },
        { "RS256 header over an HMAC with the server key", ForgedTokens.WithServerKey(ForgedTokens.Header("RS256"), ForgedTokens.Claims("mallory")) },
        { "HS512 with the server key", ForgedTokens.Sign(ForgedTokens.Header("HS512"), ForgedTokens.Claims("mallory"), TestAuth.SigningKey, HMACSHA512.HashData) },
        { "alg NONE in capitals, signature stripped", StripSignature(ForgedTokens.WithServerKey(ForgedTokens.Header("NONE"), ForgedTokens.Claims("mallory"))) },
        { "valid header and claims, signature stripped", StripSignature(TestAuth.CreateToken("mallory")) },
        { "key embedded in the header (jwk)", ForgedTokens.WithEmbeddedKey("mallory") },
        { "no exp claim", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c.Remove("exp"))) },
        { "no aud claim", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c.Remove("aud"))) },
        { "no iss claim", ForgedTokens.WithServerKey(ForgedTokens.Header(), ForgedTokens.Claims("mallory", c => c.Remove("iss"))) },
    };

    [Theory]
    [MemberData(nameof(ForgedTokenCases))]
    public async Task NegotiateRefusesForgedTokensWith401(string why, string token)
    {
        using var http = fixture.Node.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: got {(int)response.StatusCode}");
    }

    [Theory]
    [MemberData(nameof(ForgedTokenCases))]
    public async Task WebSocketUpgradeRefusesForgedQueryStringTokensWith401(string why, string token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(fixture.Node.HubUri) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, timeout.Token));

        Assert.True(socket.HttpStatusCode == HttpStatusCode.Unauthorized, $"{why}: got {(int)socket.HttpStatusCode}");
    }

    [Fact]
    public async Task AnOversizedTokenIsRefusedAndTheNodeKeepsServing()
    {
        var huge = TestAuth.CreateToken("mallory", name: new string('x', 64 * 1024));
        using var http = fixture.Node.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", huge);

        using var response = await http.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, $"got {(int)response.StatusCode}");
        await using var probe = await HubProbe.ConnectAsync(fixture.Node, Unique.Name("after"));
        Assert.Contains(await probe.GetOnlineUsersAsync(), u => u.UserId == probe.UserId);
    }

    private static string StripSignature(string token) => token[..(token.LastIndexOf('.') + 1)];
}
