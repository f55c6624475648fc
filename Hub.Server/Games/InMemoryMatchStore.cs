using System.Collections.Concurrent;

namespace RealtimeHub.Server.Games;

/// <summary>Embedded mode: the one node always holds every lease, and keeps each match's last save in memory.</summary>
public sealed class InMemoryMatchStore : IMatchStore
{
    private readonly ConcurrentDictionary<string, byte[]> _states = new(StringComparer.Ordinal);

    public Task<bool> TryTakeLeaseAsync(string matchId, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<LeaseStatus> SaveAsync(string matchId, byte[] state, CancellationToken cancellationToken)
    {
        _states[matchId] = state;
        return Task.FromResult(LeaseStatus.Held);
    }

    public Task<byte[]?> LoadAsync(string matchId, CancellationToken cancellationToken) => Task.FromResult(_states.GetValueOrDefault(matchId));

    public Task ReleaseAsync(string matchId, bool deleteState, CancellationToken cancellationToken)
    {
        if (deleteState)
        {
            _states.TryRemove(matchId, out _);
        }

        return Task.CompletedTask;
    }
}
