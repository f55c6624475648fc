namespace RealtimeHub.Server.Games;

/// <summary>
/// A match's saved state and the lease that fences it, beside each other (in Redis under the match's own hash tag), so
/// only the node holding the lease writes the state another node resumes from.
/// </summary>
public interface IMatchStore
{
    /// <summary>Takes the match's lease if nobody holds it; false while another node's lease lives.</summary>
    Task<bool> TryTakeLeaseAsync(string matchId, CancellationToken cancellationToken);

    /// <summary>Saves the state and renews the lease, unless another node holds it.</summary>
    Task<LeaseStatus> SaveAsync(string matchId, byte[] state, CancellationToken cancellationToken);

    /// <summary>The last saved state, or null when there is none.</summary>
    Task<byte[]?> LoadAsync(string matchId, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (keeping the state, for the next owner) or, with <paramref name="deleteState"/>, removes both; only while this node holds the lease.</summary>
    Task ReleaseAsync(string matchId, bool deleteState, CancellationToken cancellationToken);
}
