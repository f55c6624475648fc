namespace RealtimeHub.Server.Access;

/// <summary>
/// The access (open or private) of every room, feed and document, and the users granted their private form with a
/// role, shared by every node (Redis) or local to one process (memory); the hubs never know which. Changes that can
/// take members away return only after every node's <see cref="IAccessObserver"/>s of the kind have acted, so nothing a
/// removed user does is served after the change returns.
/// </summary>
public interface IAccessControl
{
    /// <summary>
    /// The user's role: <see cref="AccessRole.Write"/> when the resource is open or <paramref name="namedByToken"/> (the
    /// user's token names it); when private, the role it was granted, or <see cref="AccessRole.None"/>. Cheap for open
    /// resources: at most one Redis round trip, usually none.
    /// </summary>
    ValueTask<AccessRole> GetRoleAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="userId"/> may use the resource at all: <see cref="GetRoleAsync"/> is not <see cref="AccessRole.None"/>.</summary>
    ValueTask<bool> AdmitsAsync(AccessKind kind, string name, string userId, bool namedByToken, CancellationToken cancellationToken = default);

    /// <summary>The resource's access as stored now (no cache).</summary>
    Task<AccessLevel> GetAccessAsync(AccessKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets the access; making it private stops serving every user that is not a member, on every node.</summary>
    Task SetAccessAsync(AccessKind kind, string name, AccessLevel access, CancellationToken cancellationToken = default);

    /// <summary>Makes the user a full member (<see cref="AccessRole.Write"/>) of the resource's private form (kept while it is open, too).</summary>
    Task GrantAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the user a member with <paramref name="role"/> (<see cref="AccessRole.Read"/> or <see cref="AccessRole.Write"/>),
    /// replacing its previous role. A narrower role holds from the user's next checked call on any node.
    /// </summary>
    Task GrantAsync(AccessKind kind, string name, string userId, AccessRole role, CancellationToken cancellationToken = default);

    /// <summary>Takes the grant away; if that leaves the user no longer a member, it is no longer served, on every node.</summary>
    Task RevokeAsync(AccessKind kind, string name, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The resource is gone (a deleted document): its access and grants are forgotten (a resource of that name starts
    /// open), and every node's observers re-check all their users of it, which is when they notice it is gone.
    /// </summary>
    Task ForgetAsync(AccessKind kind, string name, CancellationToken cancellationToken = default);
}
