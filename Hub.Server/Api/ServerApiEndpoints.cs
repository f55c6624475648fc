using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Live;
using RealtimeHub.Server.Documents;
using RealtimeHub.Server.Presence;
using StackExchange.Redis;

namespace RealtimeHub.Server.Api;

/// <summary>
/// <c>/api/v1</c>, the server API for other services (CONTRACT §8): post into rooms, read history and presence,
/// notify users, manage private rooms, publish to live feeds (<see cref="LiveApiEndpoints"/>) and keep collaborative documents (<see cref="DocumentApiEndpoints"/>). Every route needs <see cref="ServerApiPolicy"/>.
/// </summary>
public static class ServerApiEndpoints
{
    public static IEndpointRouteBuilder MapServerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(HubRoutes.Api)
            .RequireAuthorization(ServerApiPolicy.Name)
            .WithMetadata(new RequestSizeLimitAttribute(ApiLimits.MaxRequestBodyBytes))
            .AddEndpointFilter(TranslateRedisFailures)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithTags("Server API");

        api.MapPost("/rooms/{room}/messages", PostMessage).WithName("PostMessage")
            .WithSummary("Posts a message into a room as a named sender: stored, sequenced and broadcast like a member's.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/rooms/{room}/messages", GetMessages).WithName("GetMessages")
            .WithSummary("A page of the room's history, oldest first.");
        api.MapGet("/rooms/{room}/members", GetMembers).WithName("GetRoomMembers")
            .WithSummary("The users online in the room, on any node.");
        api.MapGet("/presence", GetPresence).WithName("GetPresence")
            .WithSummary("Every user with a live connection on any node.");
        api.MapPost("/users/{userId}/notifications", Notify).WithName("NotifyUser")
            .WithSummary("Raises NotificationReceived on every live connection of the user, on every node.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/rooms/{room}", SetAccess).WithName("SetRoomAccess")
            .WithSummary("Makes the room open or private; making it private removes its non-members at once.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/rooms/{room}/members/{userId}", Grant).WithName("GrantRoom")
            .WithSummary("Makes the user a member of the room's private form.");
        api.MapDelete("/rooms/{room}/members/{userId}", Revoke).WithName("RevokeRoom")
            .WithSummary("Takes the grant away; the user's connections leave the room at once, on every node.");
        api.MapFeedApi();
        api.MapDocumentApi();
        return endpoints;
    }

    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ProblemHttpResult>> PostMessage(
        string room, PostMessageRequest body, ApiInput input, ChatService chat, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken)
    {
        var (draft, problem) = ApiInput.Room(room) is { } roomProblem ? (null, roomProblem) : input.Message(room, body);
        if (problem is not null)
        {
            return ApiProblems.Invalid(problem);
        }

        var stored = await chat.PostMessageAsync(draft!, cancellationToken);
        if (!stored.Created)
        {
            return TypedResults.Ok(stored.Message);
        }

        ApiLog.Posted(logger, ServerApiPolicy.CallerName(user), stored.Message.Id, room, stored.Message.SenderId);
        return TypedResults.Created($"{HubRoutes.Api}/rooms/{room}/messages?after={stored.Message.Sequence - 1}&limit=1", stored.Message);
    }

    private static async Task<Results<Ok<ChatMessage[]>, ProblemHttpResult>> GetMessages(
        string room, ApiInput input, History.IMessageStore store, CancellationToken cancellationToken, long after = 0, int limit = 100)
    {
        if ((ApiInput.Room(room) ?? input.HistoryPage(after, limit)) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }

        return TypedResults.Ok<ChatMessage[]>([.. await store.GetAfterAsync(room, after, limit, cancellationToken)]);
    }

    private static async Task<Results<Ok<UserPresence[]>, ProblemHttpResult>> GetMembers(
        string room, IPresenceTracker presence, CancellationToken cancellationToken)
    {
        if (ApiInput.Room(room) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }

        return TypedResults.Ok<UserPresence[]>([.. await presence.GetRoomMembersAsync(room, cancellationToken)]);
    }

    private static async Task<Ok<UserPresence[]>> GetPresence(IPresenceTracker presence, CancellationToken cancellationToken) =>
        TypedResults.Ok<UserPresence[]>([.. await presence.GetOnlineUsersAsync(cancellationToken)]);

    private static async Task<Results<Accepted<NotificationAccepted>, ProblemHttpResult>> Notify(
        string userId, NotificationRequest body, IHubContext<ChatHub, IChatClient> hub, TimeProvider time,
        ClaimsPrincipal user, ILogger<ApiInput> logger)
    {
        if ((ApiInput.UserId(userId) ?? ApiInput.NotificationType(body.Type)) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }

        if (!ApiInput.DataFits(body.Data))
        {
            return ApiProblems.TooLarge($"data must be at most {ApiLimits.MaxNotificationDataBytes} bytes of JSON");
        }

        var notification = new Notification(Guid.CreateVersion7().ToString("N"), body.Type, JsonValues.ToPlain(body.Data), time.GetUtcNow().UtcDateTime);
        await hub.Clients.User(userId).NotificationReceived(notification);
        ApiLog.Notified(logger, ServerApiPolicy.CallerName(user), notification.Id, notification.Type, userId);
        return TypedResults.Accepted((string?)null, new NotificationAccepted(notification.Id));
    }

    private static Task<Results<Ok<RoomAccessResponse>, ProblemHttpResult>> SetAccess(
        string room, RoomAccessRequest body, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.SetAccessAsync(AccessKind.Room, room, body, level => new RoomAccessResponse(room, level), access, user, logger, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> Grant(
        string room, string userId, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.GrantAsync(AccessKind.Room, room, userId, access, user, logger, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string room, string userId, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.RevokeAsync(AccessKind.Room, room, userId, access, user, logger, cancellationToken);

    /// <summary>Redis unreachable: 503 with a problem body, rather than a bare 500.</summary>
    private static async ValueTask<object?> TranslateRedisFailures(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            ApiLog.Unavailable(context.HttpContext.RequestServices.GetRequiredService<ILogger<ApiInput>>(), ex);
            return ApiProblems.Unavailable();
        }
    }
}
