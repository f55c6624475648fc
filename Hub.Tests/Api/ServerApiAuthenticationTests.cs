using System.Net;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Api;

/// <summary>
/// Who may call <c>/api/v1</c> (CONTRACT §8): a key from <c>Api:Keys</c> in <c>X-Api-Key</c>, or a bearer token with the
/// <c>realtimehub.api</c> scope. Every route is tried with each kind of caller.
/// </summary>
public sealed class ServerApiAuthenticationTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private readonly HttpClient _http = fixture.Node.CreateHttpClient();

    [Fact]
    public async Task EveryRouteAnswersAServiceWithAConfiguredKey()
    {
        foreach (var (method, path, body, success) in ApiRequests.AllRoutes(Unique.Name("room"), Unique.Name("user")))
        {
            using var response = await _http.SendAsync(ApiRequests.Json(method, path, body).WithApiKey(TestAuth.ApiKey));

            Assert.True(success == (int)response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Theory]
    [InlineData("space-separated")]
    [InlineData("array")]
    public async Task EveryRouteAnswersABearerTokenWithTheApiScope(string shape)
    {
        object scope = shape == "array" ? new[] { "openid", "realtimehub.api" } : "openid realtimehub.api profile";
        var token = TestAuth.CreateTokenWithScope(Unique.Name("svc"), scope);
        foreach (var (method, path, body, success) in ApiRequests.AllRoutes(Unique.Name("room"), Unique.Name("user")))
        {
            using var response = await _http.SendAsync(ApiRequests.Json(method, path, body).WithBearer(token));

            Assert.True(success == (int)response.StatusCode, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task EveryRouteAnswers401ProblemWithNeitherKeyNorToken()
    {
        foreach (var (method, path, body, _) in ApiRequests.AllRoutes(Unique.Name("room"), Unique.Name("user")))
        {
            using var response = await _http.SendAsync(ApiRequests.Json(method, path, body));

            await ApiRequests.AssertProblemAsync(response, 401);
        }
    }

    [Fact]
    public async Task EveryRouteAnswers403ProblemToAUserTokenWithoutTheScope()
    {
        var token = TestAuth.CreateTokenWithScope(Unique.Name("alice"), "openid profile realtimehub.api.read");
        foreach (var (method, path, body, _) in ApiRequests.AllRoutes(Unique.Name("room"), Unique.Name("user")))
        {
            using var response = await _http.SendAsync(ApiRequests.Json(method, path, body).WithBearer(token));

            await ApiRequests.AssertProblemAsync(response, 403);
        }
    }

    [Fact]
    public async Task ADevelopmentTokenCannotCallTheApi()
    {
        using var minted = await _http.PostAsync(HubRoutes.Token.TrimStart('/'), new StringContent("""{"userName":"mallory"}""", System.Text.Encoding.UTF8, "application/json"));
        var token = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<TokenResponse>(minted.Content))!.AccessToken;

        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Get, "api/v1/presence").WithBearer(token));

        await ApiRequests.AssertProblemAsync(response, 403);
    }

    [Theory]
    [InlineData("test-api-key-for-realtimehub-tests-0123456788")] // one character off
    [InlineData("test-api-key")]
    [InlineData("")]
    public async Task AWrongKeyIs401(string key)
    {
        using var response = await _http.SendAsync(ApiRequests.Json(HttpMethod.Get, "api/v1/presence").WithApiKey(key));

        await ApiRequests.AssertProblemAsync(response, 401);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("X-Api-Key")]
    [InlineData("apiKey")]
    [InlineData("access_token")]
    public async Task AKeyInTheQueryStringIsIgnored(string parameter)
    {
        using var response = await _http.GetAsync($"api/v1/presence?{parameter}={Uri.EscapeDataString(TestAuth.ApiKey)}");

        await ApiRequests.AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task AUserTokenInTheQueryStringIsIgnoredOutsideTheHub()
    {
        var token = TestAuth.CreateTokenWithScope("svc", "realtimehub.api");

        using var response = await _http.GetAsync($"api/v1/presence?access_token={token}");

        await ApiRequests.AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryRouteAndBothAuthSchemes()
    {
        using var response = await _http.GetAsync(HubRoutes.OpenApi.TrimStart('/'));
        var document = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var path in new[] { "/api/v1/rooms/{room}/messages", "/api/v1/rooms/{room}/members", "/api/v1/presence",
                     "/api/v1/users/{userId}/notifications", "/api/v1/rooms/{room}", "/api/v1/rooms/{room}/members/{userId}" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }

        Assert.Contains("\"X-Api-Key\"", document, StringComparison.Ordinal);
        Assert.Contains("\"bearer\"", document, StringComparison.Ordinal);
        Assert.Contains("\"PostMessageRequest\"", document, StringComparison.Ordinal);
        Assert.Contains("\"ChatMessage\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInteractiveReferenceIsOnlyServedInDevelopment()
    {
        using var response = await _http.GetAsync("scalar/v1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var development = await HubNode.StartAsync(new HubNodeOptions { Environment = "Development" });
        using var devHttp = development.CreateHttpClient();
        using var page = await devHttp.GetAsync("scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("short", "too-short-for-a-key")]
    [InlineData("bad name!", "a-key-that-is-long-enough-0123456789abcdef")]
    public async Task RefusesToStartWithAShortKeyOrABadName(string name, string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => HubNode.StartAsync(new HubNodeOptions
        {
            Settings = { [$"Api:Keys:{name}"] = key },
        }));

        Assert.Contains("Api:Keys", error.Message);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralKeysAreValidAtOnceForRotation()
    {
        const string next = "next-api-key-for-realtimehub-tests-9876543210";
        await using var node = await HubNode.StartAsync(new HubNodeOptions { Settings = { ["Api:Keys:next"] = next } });
        using var http = node.CreateHttpClient();

        foreach (var key in new[] { TestAuth.ApiKey, next })
        {
            using var response = await http.SendAsync(ApiRequests.Json(HttpMethod.Get, "api/v1/presence").WithApiKey(key));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
