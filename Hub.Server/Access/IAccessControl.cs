namespace RealtimeHub.Server.Access;

/// <summary>
/// The access (open or private) of every room and feed, and the users granted their private form, shared by every node
/// (Redis) or local to one process (memory); the hubs never know which. Changes that can take members away return only
/// after every node's <see cref="IAccessObserver"/>s of the kind have acted, so nothing a removed user does is served
/// after the change returns.
/// </summary>
/// <remarks>
/// A grant is membership, nothing finer. A kind that needs roles (read or write) would keep the role as the grant's
/// value and return it from the check instead of a yes or no; the rest (levels, notices, observers) stays as it is.
/// </remarks>
public interface IAccessControl
{
    /// <summary>
    /// Whether <paramref name="userId"/> may use the resource: always when open; when private, if granted or
    /// <paramref name="namedByToken"/> (the user's token names it). Cheap for open ones: at most one Redis round trip, usually none.
    /// </summary>
    ValueTask<bool> AdmitsAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default);

    /// <summary>The resource's access as stored now (no cache).</summary>
    Task<AccessLevel> GetAccessAsync(AccessKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets the access; making it private stops serving every user that is not a member, on every node.</summary>
    Task SetAccessAsync(AccessKind kind, string name, AccessLevel access, CancellationToken cancellationToken = default);

    /// <summary>Makes the user a member of the resource's private form (kept while it is open, too).</summary>
    Task GrantAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default);

    /// <summary>Takes the grant away; if that leaves the user no longer a member, it is no longer served, on every node.</summary>
    Task RevokeAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default);
}
