using System.Collections.Concurrent;

namespace RealtimeHub.Client.Games.Internal;

/// <summary>
/// The client's <see cref="GameMatch"/> views by match id. A view is made on a match's first message, which may come
/// before the answer to the FindMatch or JoinMatch that took its seat; only seated views are the client's matches.
/// </summary>
internal sealed class MatchSeats
{
    private readonly ConcurrentDictionary<string, GameMatch> _matches = new(StringComparer.Ordinal);

    public IReadOnlyList<GameMatch> Seated => [.. _matches.Values.Where(m => m.IsSeated)];

    public GameMatch View(string matchId) => _matches.GetOrAdd(matchId, static id => new GameMatch(id));

    public GameMatch? Find(string matchId) => _matches.TryGetValue(matchId, out var match) && match.IsSeated ? match : null;

    public void Forget(string matchId) => _matches.TryRemove(matchId, out _);

    /// <summary>The connection was lost: drop views that never got a seat, and have the others wait for their seat's full state.</summary>
    public void SuspendAll()
    {
        foreach (var match in _matches.Values)
        {
            if (match.IsSeated)
            {
                match.Suspend();
            }
            else
            {
                _matches.TryRemove(match.MatchId, out _);
            }
        }
    }
}
