using System.Net.Http.Headers;
using System.Text;

namespace RealtimeHub.Tests.Api;

/// <summary>Raw requests for the server API tests, so status codes and headers are seen exactly as sent.</summary>
internal static class ApiRequests
{
    public static HttpRequestMessage Json(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage WithApiKey(this HttpRequestMessage request, string key)
    {
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    /// <summary>Every route of CONTRACT §8 with a valid body, and the status it answers when allowed.</summary>
    public static IEnumerable<(HttpMethod Method, string Path, string? Body, int Success)> AllRoutes(string room, string user) =>
    [
        (HttpMethod.Post, $"api/v1/rooms/{room}/messages", """{"senderId":"billing-bot","text":"invoice ready"}""", 201),
        (HttpMethod.Get, $"api/v1/rooms/{room}/messages?after=0&limit=10", null, 200),
        (HttpMethod.Get, $"api/v1/rooms/{room}/members", null, 200),
        (HttpMethod.Get, "api/v1/presence", null, 200),
        (HttpMethod.Post, $"api/v1/users/{user}/notifications", """{"type":"invoice.ready","data":{"invoice":42}}""", 202),
        (HttpMethod.Put, $"api/v1/rooms/{room}", """{"access":"open"}""", 200),
        (HttpMethod.Put, $"api/v1/rooms/{room}/members/{user}", null, 204),
        (HttpMethod.Delete, $"api/v1/rooms/{room}/members/{user}", null, 204),
    ];

    public static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"status\":{status}", body, StringComparison.Ordinal);
    }
}
