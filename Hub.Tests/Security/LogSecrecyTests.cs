using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// A node logging at Information, in every category (ASP.NET Core's own included, as an operator chasing a problem
/// would set it), writes neither tokens nor message text nor configured secrets, whatever a session does: a dev
/// token minted, a browser-style connection with the token in the query string, messages public and private, a
/// refused message, and connection attempts with bad tokens.
/// </summary>
public sealed class LogSecrecyTests
{
    private const string RedisPassword = "redis-password-that-must-not-be-logged";

    [Fact]
    public async Task NeitherTokensNorMessageTextNorConfiguredSecretsAppearInInformationLogs()
    {
        await using var redis = await RedisServerFixture.StartLocalAsync("--requirepass", RedisPassword);
        await using var node = await HubNode.StartAsync(new HubNodeOptions
        {
            RedisConfiguration = $"{redis.Configuration},password={RedisPassword}",
            ChannelPrefix = RedisServerFixture.NewPrefix("logs"),
            Settings =
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
            },
        });
        var logs = CapturingLoggerProvider.AttachTo(node);
        var secret = $"secret-text-{Guid.NewGuid():N}";

        var token = await MintDevTokenAsync(node, "alice");
        var badTokens = await TryBadTokensAsync(node);
        await RunSessionAsync(node, token, secret);
        var wrongKey = await UseServerApiAsync(node, secret);

        var written = logs.Entries.Select(e => e.FullText).ToList();
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information); // the capture did see the session
        string[] secrets = [token, token.Split('.')[2], .. badTokens, .. badTokens.Select(t => t.Split('.')[2]), secret, TestAuth.SigningKey, RedisPassword, TestAuth.ApiKey, wrongKey];
        foreach (var value in secrets)
        {
            var leak = written.FirstOrDefault(line => line.Contains(value, StringComparison.Ordinal));
            Assert.True(leak is null, $"a log entry contains a secret: {leak}");
        }

        Assert.Contains(written, line => line.Contains("key:tests", StringComparison.Ordinal)); // the key's name is what logs show
    }

    /// <summary>Calls the server API with the configured key and with a wrong one; returns the wrong one.</summary>
    private static async Task<string> UseServerApiAsync(HubNode node, string secret)
    {
        var room = Unique.Name("room");
        using var http = node.CreateApiHttpClient();
        (await http.PutAsJsonAsync($"api/v1/rooms/{room}", new { access = "private" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"api/v1/rooms/{room}/messages", new { senderId = "bot", text = $"api {secret}" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("api/v1/users/bob/notifications", new { type = "t", data = secret })).EnsureSuccessStatusCode();
        var wrongKey = $"wrong-key-{secret}";
        using var anonymous = node.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/presence");
        request.Headers.Add("X-Api-Key", wrongKey);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request)).StatusCode);
        return wrongKey;
    }

    private static async Task<string> MintDevTokenAsync(HubNode node, string userName)
    {
        using var http = node.CreateHttpClient();
        using var response = await http.PostAsJsonAsync("auth/token", new TokenRequest(userName));
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<string[]> TryBadTokensAsync(HubNode node)
    {
        var now = DateTime.UtcNow;
        string[] tokens =
        [
            TestAuth.CreateToken("mallory", notBefore: now.AddHours(-2), expires: now.AddHours(-1)),
            TestAuth.CreateToken("mallory", signingKey: "another-key-that-is-long-enough-for-hs256-signing"),
        ];
        using var http = node.CreateHttpClient();
        foreach (var token in tokens)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"hubs/chat/negotiate?negotiateVersion=1&access_token={token}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }

        return tokens;
    }

    private static async Task RunSessionAsync(HubNode node, string token, string secret)
    {
        var room = Unique.Name("room");
        var options = ChatClientOptions.ForServer(node.BaseUri, _ => Task.FromResult(token));
        options.HubUrl = new Uri(node.HubUri, $"?access_token={token}"); // in the query string too, as browsers send it
        await using var alice = new ChatClient(options);
        await using var bob = await HubProbe.ConnectAsync(node, Unique.Name("bob"));
        await alice.StartAsync();
        await alice.JoinRoomAsync(room);
        await bob.JoinRoomAsync(room);

        await bob.WaitForMessageAsync(await alice.SendMessageAsync(room, $"public {secret}"));
        await alice.SendPrivateMessageAsync(bob.UserId, $"private {secret}");
        await bob.Privates.WaitForCountAsync(1, "the private message");
        await alice.SetTypingAsync(room, true);
        await Assert.ThrowsAsync<HubException>(() => alice.SendMessageAsync(room, string.Concat(Enumerable.Repeat(secret, 200))));
        await Assert.ThrowsAsync<HubException>(() => bob.SendMessageAsync(Unique.Name("not-joined"), secret));
        await bob.Connection.InvokeAsync<string>(nameof(IChatHub.Echo), secret);
        await alice.StopAsync();
    }
}
