using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>
/// Answers the server API's publish route in-process and records each request's entries: 202 with their count, or
/// what <paramref name="answer"/> says for the n-th request (from 1).
/// </summary>
internal sealed class RecordingApiHandler(Func<int, HttpStatusCode>? answer = null) : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private int _requests;

    public EventLog<FeedEntry[]> Requests { get; } = new();

    /// <summary>A body over this many bytes would have been refused by the server.</summary>
    public int LargestBody { get; private set; }

    public HttpClient CreateClient() => new(this) { BaseAddress = new Uri("http://hub.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        LargestBody = Math.Max(LargestBody, body.Length);
        var number = Interlocked.Increment(ref _requests);
        var status = answer?.Invoke(number) ?? HttpStatusCode.Accepted;
        if (status != HttpStatusCode.Accepted)
        {
            return new HttpResponseMessage(status) { Content = JsonContent.Create(new { title = "refused", detail = $"request {number}" }) };
        }

        var entries = JsonSerializer.Deserialize<FeedPublishRequest>(body, Json)!.Updates;
        Requests.Add(entries);
        return new HttpResponseMessage(status) { Content = JsonContent.Create(new FeedPublishAccepted(entries.Length), options: Json) };
    }
}
