using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Server.Access;

namespace RealtimeHub.Server.Api;

/// <summary>
/// The access routes of every kind (<c>PUT /rooms/{room}</c>, <c>PUT /feeds/{feed}</c>, <c>PUT /documents/{docId}</c> and
/// their <c>members/{userId}</c>): the same checks, changes and answers, each kind's routes only naming their parameter
/// and response (documents also a member's role).
/// </summary>
public static class AccessRequests
{
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> SetAccessAsync<TResponse>(
        AccessKind kind, string name, RoomAccessRequest? body, Func<string, TResponse> respond,
        IAccessControl access, ClaimsPrincipal user, ILogger logger, CancellationToken cancellationToken)
    {
        if (ApiInput.Name(kind, name) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }

        if (ApiInput.Access(body) is not { } level)
        {
            return ApiProblems.Invalid($"access must be \"{RoomAccess.Open}\" or \"{RoomAccess.Private}\"");
        }

        await access.SetAccessAsync(kind, name, level, cancellationToken);
        ApiLog.AccessSet(logger, ServerApiPolicy.CallerName(user), kind, name, body!.Access);
        return TypedResults.Ok(respond(body.Access));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> GrantAsync(
        AccessKind kind, string name, string userId, IAccessControl access, ClaimsPrincipal user, ILogger logger, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(kind, name, userId, access.GrantAsync, () => ApiLog.Granted(logger, ServerApiPolicy.CallerName(user), kind, name, userId), cancellationToken);

    /// <summary>A grant with a role (documents: <c>read</c> or <c>write</c>).</summary>
    public static Task<Results<NoContent, ProblemHttpResult>> GrantAsync(
        AccessKind kind, string name, string userId, AccessRole role, IAccessControl access, ClaimsPrincipal user, ILogger logger, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(
            kind, name, userId, (k, n, u, ct) => access.GrantAsync(k, n, u, role, ct),
            () => ApiLog.GrantedRole(logger, ServerApiPolicy.CallerName(user), kind, name, userId, role), cancellationToken);

    public static Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        AccessKind kind, string name, string userId, IAccessControl access, ClaimsPrincipal user, ILogger logger, CancellationToken cancellationToken) =>
        ChangeMembershipAsync(kind, name, userId, access.RevokeAsync, () => ApiLog.Revoked(logger, ServerApiPolicy.CallerName(user), kind, name, userId), cancellationToken);

    /// <summary>Grant and revoke: the same checks and answer around a different change.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> ChangeMembershipAsync(
        AccessKind kind, string name, string userId, Func<AccessKind, string, string, CancellationToken, Task> change, Action logChange, CancellationToken cancellationToken)
    {
        if ((ApiInput.Name(kind, name) ?? ApiInput.UserId(userId)) is { } problem)
        {
            return ApiProblems.Invalid(problem);
        }

        await change(kind, name, userId, cancellationToken);
        logChange();
        return TypedResults.NoContent();
    }
}
