using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Live;

/// <summary>The feed routes of the server API over plain HTTP with the tests' API key (the typed .NET client is tested on its own).</summary>
public sealed class FeedApi(HubNode node) : IDisposable, IAsyncDisposable
{
    private readonly HttpClient _http = node.CreateApiHttpClient();

    public HubNode Node => node;

    /// <summary>Publishes one request: each entry's value serialized as JSON (null removes the key).</summary>
    public async Task PublishAsync(string feed, params (string Key, object? Value)[] entries)
    {
        using var response = await PostAsync(feed, new { updates = entries.Select(e => new { key = e.Key, value = e.Value }) });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"publish answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(entries.Length, (await response.Content.ReadFromJsonAsync<FeedPublishAccepted>())!.Accepted);
    }

    public Task<HttpResponseMessage> PostAsync(string feed, object body) => _http.PostAsJsonAsync($"api/v1/feeds/{feed}/updates", body);

    public Task<HttpResponseMessage> PostRawAsync(string feed, string json) =>
        _http.PostAsync($"api/v1/feeds/{feed}/updates", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>GET /api/v1/feeds/{feed}, values as JSON.</summary>
    public async Task<FeedUpdate[]> GetAsync(string feed, params string[] keys)
    {
        var query = keys.Length == 0 ? string.Empty : $"?keys={string.Join(',', keys)}";
        var updates = await _http.GetFromJsonAsync<FeedUpdate[]>($"api/v1/feeds/{feed}{query}");
        return [.. updates!.Select(u => u with { Value = u.Value is JsonElement { ValueKind: JsonValueKind.Null } ? null : u.Value })];
    }

    public async Task SetAccessAsync(string feed, string access)
    {
        using var response = await _http.PutAsJsonAsync($"api/v1/feeds/{feed}", new RoomAccessRequest(access));
        response.EnsureSuccessStatusCode();
        Assert.Equal(new FeedAccessResponse(feed, access), await response.Content.ReadFromJsonAsync<FeedAccessResponse>());
    }

    public async Task GrantAsync(string feed, string userId)
    {
        using var response = await _http.PutAsync($"api/v1/feeds/{feed}/members/{userId}", null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public async Task RevokeAsync(string feed, string userId)
    {
        using var response = await _http.DeleteAsync($"api/v1/feeds/{feed}/members/{userId}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
