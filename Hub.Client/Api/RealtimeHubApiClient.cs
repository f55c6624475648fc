using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Client.Api;

/// <summary>
/// The server API (<c>/api/v1</c>) for other .NET services, one method per route. Give it an <see cref="HttpClient"/>
/// whose <see cref="HttpClient.BaseAddress"/> is the hub (e.g. as a typed client: <c>services.AddHttpClient&lt;RealtimeHubApiClient&gt;(…)</c>)
/// and an API key, or a client that already sends a bearer token with the <c>realtimehub.api</c> scope.
/// A refused call throws <see cref="RealtimeHubApiException"/> with the problem the server sent.
/// </summary>
public sealed class RealtimeHubApiClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string? _apiKey;

    public RealtimeHubApiClient(HttpClient http, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _apiKey = apiKey;
    }

    /// <summary>A client for <paramref name="server"/> (the hub's base URL) that authenticates with <paramref name="apiKey"/>.</summary>
    public static RealtimeHubApiClient Create(Uri server, string apiKey) =>
        new(new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) }, apiKey);

    /// <summary>Posts a message into the room as <paramref name="message"/>'s sender: stored, sequenced and broadcast like a member's.</summary>
    public async Task<PostedMessage> PostMessageAsync(string room, PostMessageRequest message, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"rooms/{Escape(room)}/messages", message, cancellationToken).ConfigureAwait(false);
        var stored = await ReadAsync<ChatMessage>(response, cancellationToken).ConfigureAwait(false);
        return new PostedMessage(stored, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>Up to <paramref name="limit"/> (1–500) of the room's messages with a sequence above <paramref name="after"/>, oldest first.</summary>
    public Task<ChatMessage[]> GetMessagesAsync(string room, long after = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        GetAsync<ChatMessage[]>($"rooms/{Escape(room)}/messages?after={after}&limit={limit}", cancellationToken);

    /// <summary>The users online in the room, on any node.</summary>
    public Task<UserPresence[]> GetRoomMembersAsync(string room, CancellationToken cancellationToken = default) =>
        GetAsync<UserPresence[]>($"rooms/{Escape(room)}/members", cancellationToken);

    /// <summary>Every user online anywhere.</summary>
    public Task<UserPresence[]> GetPresenceAsync(CancellationToken cancellationToken = default) =>
        GetAsync<UserPresence[]>("presence", cancellationToken);

    /// <summary>Notifies every live connection of the user; returns the notification's id.</summary>
    public async Task<string> NotifyAsync(string userId, string type, JsonElement data, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            HttpMethod.Post, $"users/{Escape(userId)}/notifications", new NotificationRequest(type, data), cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<NotificationAccepted>(response, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <summary>Notifies every live connection of the user with <paramref name="data"/> serialized as JSON (camelCase).</summary>
    public Task<string> NotifyAsync<T>(string userId, string type, T data, CancellationToken cancellationToken = default) =>
        NotifyAsync(userId, type, JsonSerializer.SerializeToElement(data, Json), cancellationToken);

    /// <summary>Makes the room <see cref="RoomAccess.Open"/> or <see cref="RoomAccess.Private"/>.</summary>
    public async Task<RoomAccessResponse> SetRoomAccessAsync(string room, string access, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Put, $"rooms/{Escape(room)}", new RoomAccessRequest(access), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<RoomAccessResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the user a member of the room's private form.</summary>
    public async Task GrantRoomAsync(string room, string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync<object?>(HttpMethod.Put, $"rooms/{Escape(room)}/members/{Escape(userId)}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the user's grant; their connections leave the room at once, on every node.</summary>
    public async Task RevokeRoomAsync(string room, string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync<object?>(HttpMethod.Delete, $"rooms/{Escape(room)}/members/{Escape(userId)}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes 1–1,000 updates to the feed, applied in order before the answer (within one call only a key's last
    /// entry is applied); a <c>null</c> value removes the key. Returns how many entries the hub accepted.
    /// </summary>
    public async Task<int> PublishAsync(string feed, IEnumerable<FeedEntry> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        using var response = await SendAsync(
            HttpMethod.Post, $"feeds/{Escape(feed)}/updates", new FeedPublishRequest([.. updates]), cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<FeedPublishAccepted>(response, cancellationToken).ConfigureAwait(false)).Accepted;
    }

    /// <summary>Publishes (key, value) pairs, each value serialized as JSON (camelCase); a null value removes the key.</summary>
    public Task<int> PublishAsync<T>(string feed, IEnumerable<(string Key, T Value)> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return PublishAsync(feed, updates.Select(u => new FeedEntry(u.Key, JsonSerializer.SerializeToElement(u.Value, Json))), cancellationToken);
    }

    /// <summary>The newest value of each of <paramref name="keys"/> that has one (every key of the feed when null), each value a <see cref="JsonElement"/>.</summary>
    public Task<FeedUpdate[]> GetFeedAsync(string feed, IEnumerable<string>? keys = null, CancellationToken cancellationToken = default)
    {
        var query = keys is null ? string.Empty : "?keys=" + string.Join(',', keys.Select(Escape));
        return GetAsync<FeedUpdate[]>($"feeds/{Escape(feed)}{query}", cancellationToken);
    }

    /// <summary>Makes the feed <see cref="RoomAccess.Open"/> or <see cref="RoomAccess.Private"/> (only its members may watch it).</summary>
    public async Task<FeedAccessResponse> SetFeedAccessAsync(string feed, string access, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Put, $"feeds/{Escape(feed)}", new RoomAccessRequest(access), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<FeedAccessResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the user a member of the feed's private form.</summary>
    public async Task GrantFeedAsync(string feed, string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync<object?>(HttpMethod.Put, $"feeds/{Escape(feed)}/members/{Escape(userId)}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the user's grant; their watches of the feed end at once with <c>forbidden feed</c>, on every node.</summary>
    public async Task RevokeFeedAsync(string feed, string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync<object?>(HttpMethod.Delete, $"feeds/{Escape(feed)}/members/{Escape(userId)}", null, cancellationToken).ConfigureAwait(false);
    }

    #region Collaborative documents (CONTRACT §10)

    /// <summary>The document's whole state (its snapshot and the updates after it), or null when there is no such document.</summary>
    public async Task<DocumentState?> GetDocumentAsync(string docId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync<DocumentState>($"documents/{Escape(docId)}", cancellationToken).ConfigureAwait(false);
        }
        catch (RealtimeHubApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores a Yjs v1 update at the document's next sequence and relays it to everyone in the document; a retry with the
    /// same <paramref name="clientUpdateId"/> returns the original's ack (<see cref="PushedDocumentUpdate.Created"/> false).
    /// </summary>
    public async Task<PushedDocumentUpdate> PushDocumentUpdateAsync(string docId, byte[] update, string? clientUpdateId = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            HttpMethod.Post, $"documents/{Escape(docId)}/updates", new DocumentUpdateRequest(update, clientUpdateId), cancellationToken).ConfigureAwait(false);
        var ack = await ReadAsync<DocumentAck>(response, cancellationToken).ConfigureAwait(false);
        return new PushedDocumentUpdate(ack, response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>Makes the document <see cref="RoomAccess.Open"/> or <see cref="RoomAccess.Private"/>.</summary>
    public async Task<DocumentAccessResponse> SetDocumentAccessAsync(string docId, string access, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Put, $"documents/{Escape(docId)}", new RoomAccessRequest(access), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<DocumentAccessResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes the user a member of the private document with <paramref name="role"/>: <see cref="DocumentRoles.Read"/> or <see cref="DocumentRoles.Write"/>.</summary>
    public async Task GrantDocumentAsync(string docId, string userId, string role, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            HttpMethod.Put, $"documents/{Escape(docId)}/members/{Escape(userId)}", new DocumentMemberRequest(role), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the user's grant; their connections get <c>RemovedFromDocument</c> at once, on every node.</summary>
    public async Task RevokeDocumentAsync(string docId, string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync<object?>(HttpMethod.Delete, $"documents/{Escape(docId)}/members/{Escape(userId)}", null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the document; its open connections get <c>RemovedFromDocument</c>, and <see cref="GetDocumentAsync"/> then returns null.</summary>
    public async Task DeleteDocumentAsync(string docId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync<object?>(HttpMethod.Delete, $"documents/{Escape(docId)}", null, cancellationToken).ConfigureAwait(false);
    }

    #endregion

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync<object?>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync<TBody>(HttpMethod method, string path, TBody body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_http.BaseAddress ?? throw new InvalidOperationException("The HttpClient needs a BaseAddress: the hub's URL."), $"{HubRoutes.Api}/{path}"));
        if (_apiKey is not null)
        {
            request.Headers.Add(ApiLimits.ApiKeyHeader, _apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new RealtimeHubApiException(response.StatusCode, await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
        ?? throw new RealtimeHubApiException(response.StatusCode, null);

    private static async Task<ProblemDetails?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null; // not a problem+json body (a proxy's error page, say)
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
