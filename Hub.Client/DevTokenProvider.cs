using System.Net;
using System.Net.Http.Json;
using RealtimeHub.Contracts;

namespace RealtimeHub.Client;

/// <summary>
/// Fetches development tokens from <c>POST /auth/token</c> (servers with <c>Auth:DevTokens</c> on) and caches
/// each until shortly before it expires. Pass <see cref="GetTokenAsync"/> as <see cref="ChatClientOptions.AccessTokenProvider"/>.
/// </summary>
public sealed class DevTokenProvider : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _userName;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private TokenResponse? _current;
    private DateTimeOffset _refreshAt;

    /// <param name="serverUrl">The server's base URL, e.g. <c>http://localhost:5000</c>.</param>
    /// <param name="userName">1–32 of <c>[A-Za-z0-9_.-]</c>.</param>
    /// <param name="httpClient">Used as is (its BaseAddress is ignored); a private one when null.</param>
    /// <param name="timeProvider">The clock deciding when to refresh. Default: <see cref="TimeProvider.System"/>.</param>
    public DevTokenProvider(Uri serverUrl, string userName, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        TokenUrl = new Uri(serverUrl, HubRoutes.Token);
        _userName = userName;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _time = timeProvider ?? TimeProvider.System;
    }

    public Uri TokenUrl { get; }

    /// <summary>
    /// A token is replaced this long before it expires, or after four fifths of its lifetime for tokens shorter
    /// than five times this. Default: 1 minute.
    /// </summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The user id the server gave the last token; null before the first fetch.</summary>
    public string? UserId => Volatile.Read(ref _current)?.UserId;

    /// <summary>A token that is not about to expire: the cached one, or a new one.</summary>
    /// <exception cref="HttpRequestException">The server refused (404: dev tokens are off; 400: invalid user name).</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _current) is { } cached && _time.GetUtcNow() < _refreshAt)
        {
            return cached.AccessToken;
        }

        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed it while this one waited.
            if (_current is { } fresh && _time.GetUtcNow() < _refreshAt)
            {
                return fresh.AccessToken;
            }

            var issuedAt = _time.GetUtcNow();
            var token = await FetchAsync(cancellationToken).ConfigureAwait(false);
            var lifetime = new DateTimeOffset(DateTime.SpecifyKind(token.ExpiresAt, DateTimeKind.Utc)) - issuedAt;
            var margin = lifetime > 5 * RefreshBefore ? RefreshBefore : lifetime / 5;
            _refreshAt = issuedAt + lifetime - margin;
            Volatile.Write(ref _current, token);
            return token.AccessToken;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forgets the cached token, e.g. after the server rejected it.</summary>
    public void Invalidate() => Volatile.Write(ref _current, null);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        _fetching.Dispose();
    }

    private async Task<TokenResponse> FetchAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(TokenUrl, new TokenRequest(_userName), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var reason = response.StatusCode switch
            {
                HttpStatusCode.NotFound => "the server does not hand out development tokens (Auth:DevTokens is off)",
                HttpStatusCode.BadRequest => $"'{_userName}' is not a valid user name (1–{ChatLimits.MaxNameLength} of A-Z a-z 0-9 _ . -)",
                _ => response.ReasonPhrase,
            };
            throw new HttpRequestException($"POST {TokenUrl} failed: {(int)response.StatusCode}, {reason}.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"POST {TokenUrl} returned an empty body.");
    }
}
