using System.Buffers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Api;

namespace RealtimeHub.Server.Live;

/// <summary>The feed routes of the server API (CONTRACT §9): publish, read, and private feeds; mapped into <c>/api/v1</c> by MapServerApi.</summary>
public static class LiveApiEndpoints
{
    /// <summary>
    /// The publish route's body limit: 1,000 entries of a 4 KiB value and a 64-character key come to about 4.2 MB, with
    /// room for the JSON around them. A larger body is answered 413 before it is read; a smaller one with a value over 4 KiB, 413 after.
    /// </summary>
    public const long MaxPublishBodyBytes = 8 * 1024 * 1024;

    // Text stays as written (é, <) rather than escaped: the value is stored and read back as JSON, never put in HTML.
    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RouteGroupBuilder MapFeedApi(this RouteGroupBuilder api)
    {
        api.MapPost("/feeds/{feed}/updates", Publish).WithName("PublishFeed")
            .WithSummary("Publishes new values of a feed's keys (null removes a key), applied in order before the answer; a key's last entry in a request wins.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxPublishBodyBytes))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/feeds/{feed}", GetFeed).WithName("GetFeed")
            .WithSummary("The newest value of each key of the feed, or of the keys named in keys=A,B.");
        api.MapPut("/feeds/{feed}", SetAccess).WithName("SetFeedAccess")
            .WithSummary("Makes the feed open or private; making it private ends its non-members' watches at once.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/feeds/{feed}/members/{userId}", Grant).WithName("GrantFeed")
            .WithSummary("Makes the user a member of the feed's private form.");
        api.MapDelete("/feeds/{feed}/members/{userId}", Revoke).WithName("RevokeFeed")
            .WithSummary("Takes the grant away; the user's watches of the feed end at once with forbidden feed, on every node.");
        return api;
    }

    private static async Task<Results<Accepted<FeedPublishAccepted>, ProblemHttpResult>> Publish(
        string feed, FeedPublishRequest body, FeedPublisher publisher, ClaimsPrincipal user, ILogger<FeedPublisher> logger, CancellationToken cancellationToken)
    {
        if (LiveInput.FeedProblem(feed) is { } feedProblem)
        {
            return ApiProblems.Invalid(feedProblem);
        }

        var (entries, problem) = ReadEntries(body);
        if (problem is not null)
        {
            return problem;
        }

        await publisher.PublishAsync(feed, entries!, cancellationToken);
        LiveLog.Published(logger, ServerApiPolicy.CallerName(user), entries!.Length, feed);
        return TypedResults.Accepted((string?)null, new FeedPublishAccepted(entries.Length));
    }

    private static async Task<Results<Ok<FeedUpdate[]>, ProblemHttpResult>> GetFeed(
        string feed, IFeedStore store, CancellationToken cancellationToken, string? keys = null)
    {
        var wanted = keys?.Split(',').Distinct(StringComparer.Ordinal).ToArray();
        if ((LiveInput.FeedProblem(feed) ?? wanted?.Select(LiveInput.KeyProblem).FirstOrDefault(p => p is not null)) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }

        var read = await store.GetAsync(feed, wanted, cancellationToken);
        var found = read.Values.Where(v => !v.IsRemoved);
        var ordered = wanted is null ? found.OrderBy(v => v.Key, StringComparer.Ordinal) : found.OrderBy(v => Array.IndexOf(wanted, v.Key));
        return TypedResults.Ok<FeedUpdate[]>([.. ordered.Select(v => new FeedUpdate(v.Key, ParseValue(v.Json!), v.Version, v.PublishedAt))]);
    }

    private static Task<Results<Ok<FeedAccessResponse>, ProblemHttpResult>> SetAccess(
        string feed, RoomAccessRequest body, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.SetAccessAsync(AccessKind.Feed, feed, body, level => new FeedAccessResponse(feed, level), access, user, logger, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> Grant(
        string feed, string userId, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.GrantAsync(AccessKind.Feed, feed, userId, access, user, logger, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string feed, string userId, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.RevokeAsync(AccessKind.Feed, feed, userId, access, user, logger, cancellationToken);

    /// <summary>The request's entries as checked inputs (values as compact JSON), or its problem: 400, or 413 for a value over 4 KiB.</summary>
    private static (FeedInput[]? Entries, ProblemHttpResult? Problem) ReadEntries(FeedPublishRequest? body)
    {
        if (body?.Updates is not { } updates)
        {
            return (null, ApiProblems.Invalid("a JSON body { \"updates\": [ { \"key\", \"value\" } ] } is required"));
        }

        if (updates.Length is 0 or > LiveLimits.MaxUpdatesPerRequest)
        {
            return (null, ApiProblems.Invalid($"updates must hold 1–{LiveLimits.MaxUpdatesPerRequest:N0} entries"));
        }

        var entries = new FeedInput[updates.Length];
        for (var i = 0; i < updates.Length; i++)
        {
            if (updates[i] is not { } entry || LiveInput.KeyProblem(entry.Key) is { } keyProblem)
            {
                return (null, ApiProblems.Invalid($"updates[{i}]: {LiveInput.KeyProblem(updates[i]?.Key)}"));
            }

            if (entry.Value.ValueKind == JsonValueKind.Undefined)
            {
                return (null, ApiProblems.Invalid($"updates[{i}]: a value is required (null removes the key)"));
            }

            var json = entry.Value.ValueKind == JsonValueKind.Null ? null : Compact(entry.Value);
            if (json is not null && Encoding.UTF8.GetByteCount(json) > LiveLimits.MaxValueBytes)
            {
                return (null, ApiProblems.TooLarge($"updates[{i}]: a value must be at most {LiveLimits.MaxValueBytes} bytes of JSON"));
            }

            entries[i] = new FeedInput(entry.Key, json);
        }

        return (entries, null);
    }

    /// <summary>The value as JSON without insignificant whitespace: what is stored, sent, and measured against 4 KiB.</summary>
    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactJson))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A stored value for the API's JSON answer, exactly as published (numbers keep every digit).</summary>
    private static JsonElement ParseValue(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
