using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Api;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Api;

namespace RealtimeHub.Server.Documents;

/// <summary>The document routes of the server API (CONTRACT §10): read, push, private documents with roles, delete; mapped into <c>/api/v1</c> by MapServerApi.</summary>
public static class DocumentApiEndpoints
{
    public static RouteGroupBuilder MapDocumentApi(this RouteGroupBuilder api)
    {
        // An update travels as base64: the body limit is the hub's receive limit, sized the same way.
        var maxBody = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<IOptions<DocsOptions>>().Value.MaximumReceiveMessageSize;
        api.MapGet("/documents/{docId}", GetDocument).WithName("GetDocument")
            .WithSummary("The document's whole state: its snapshot and the updates after it (bytes as base64).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/documents/{docId}/updates", PostUpdate).WithName("PushDocumentUpdate")
            .WithSummary("Stores a Yjs v1 update at the document's next sequence and relays it to everyone in it; a retry with the same clientUpdateId returns the original ack.")
            .WithMetadata(new RequestSizeLimitAttribute(maxBody))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/documents/{docId}", SetAccess).WithName("SetDocumentAccess")
            .WithSummary("Makes the document open or private; making it private removes its non-members at once.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPut("/documents/{docId}/members/{userId}", Grant).WithName("GrantDocument")
            .WithSummary("Makes the user a member of the private document with the role read or write; a narrower role holds from the user's next push.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapDelete("/documents/{docId}/members/{userId}", Revoke).WithName("RevokeDocument")
            .WithSummary("Takes the grant away; the user's connections get RemovedFromDocument at once, on every node.");
        api.MapDelete("/documents/{docId}", Delete).WithName("DeleteDocument")
            .WithSummary("Deletes the document: its log, snapshot, awareness and access; open connections get RemovedFromDocument.");
        return api;
    }

    private static async Task<Results<Ok<DocumentState>, ProblemHttpResult>> GetDocument(string docId, IDocumentStore store, CancellationToken cancellationToken)
    {
        if (Problem(docId) is { } problem)
        {
            return problem;
        }

        return await store.GetAsync(docId, cancellationToken) is { } log
            ? TypedResults.Ok(new DocumentState(docId, log.Epoch, log.Snapshot, log.SnapshotSequence, log.Updates, log.LastSequence, CanWrite: true, Awareness: null))
            : TypedResults.Problem($"There is no document '{docId}'.", statusCode: StatusCodes.Status404NotFound, title: "not found");
    }

    private static async Task<Results<Created<DocumentAck>, Ok<DocumentAck>, ProblemHttpResult>> PostUpdate(
        string docId, DocumentUpdateRequest? body, DocumentInput input, DocumentService documents, IOptionsMonitor<DocsOptions> options,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Problem(docId) is { } problem)
        {
            return problem;
        }

        if (body?.Update is null)
        {
            return ApiProblems.Invalid("a JSON body { update: <base64>, clientUpdateId? } is required");
        }

        if (body.Update.Length > options.CurrentValue.MaxUpdateBytes)
        {
            return ApiProblems.TooLarge($"{DocumentErrors.InvalidUpdate}: {input.UpdateProblem(body.Update)}");
        }

        if ((input.UpdateProblem(body.Update) ?? DocumentInput.ClientUpdateIdProblem(body.ClientUpdateId)) is { } invalid)
        {
            return ApiProblems.Invalid($"{DocumentErrors.InvalidUpdate}: {invalid}");
        }

        var appended = await documents.PostUpdateAsync(docId, ServerApiPolicy.CallerName(user), body.Update, body.ClientUpdateId, cancellationToken);
        return appended.Created
            ? TypedResults.Created($"{HubRoutes.Api}/documents/{docId}", appended.Ack)
            : TypedResults.Ok(appended.Ack);
    }

    private static Task<Results<Ok<DocumentAccessResponse>, ProblemHttpResult>> SetAccess(
        string docId, RoomAccessRequest body, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.SetAccessAsync(AccessKind.Document, docId, body, level => new DocumentAccessResponse(docId, level), access, user, logger, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> Grant(
        string docId, string userId, DocumentMemberRequest? body, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken)
    {
        AccessRole? role = body?.Role switch
        {
            DocumentRoles.Read => AccessRole.Read,
            DocumentRoles.Write => AccessRole.Write,
            _ => null,
        };
        return role is null
            ? ApiProblems.Invalid($"role must be \"{DocumentRoles.Read}\" or \"{DocumentRoles.Write}\"")
            : await AccessRequests.GrantAsync(AccessKind.Document, docId, userId, role.Value, access, user, logger, cancellationToken);
    }

    private static Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string docId, string userId, IAccessControl access, ClaimsPrincipal user, ILogger<ApiInput> logger, CancellationToken cancellationToken) =>
        AccessRequests.RevokeAsync(AccessKind.Document, docId, userId, access, user, logger, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string docId, DocumentService documents, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Problem(docId) is { } problem)
        {
            return problem;
        }

        await documents.DeleteAsync(docId, ServerApiPolicy.CallerName(user), cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? Problem(string docId) =>
        ApiInput.Name(AccessKind.Document, docId) is { } problem ? ApiProblems.Invalid(problem) : null;
}
