using System.Collections.Concurrent;

namespace RealtimeHub.Server.History;

/// <summary>
/// The newest (epoch, sequence) this node has seen per room. Redis cannot tell that a failover to a lagging replica
/// took its counter back; a node that already saw a higher sequence in the same epoch can, and says so to the scripts.
/// Bounded: past the cap it starts over, which only forgets evidence, never invents it.
/// </summary>
internal sealed class RoomHints(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, (string Epoch, long Sequence)> _seen = new(StringComparer.Ordinal);

    public (string Epoch, long Sequence) Get(string room) => _seen.TryGetValue(room, out var seen) ? seen : (string.Empty, 0);

    /// <summary>Records what a script answered; returns true when the room's epoch changed since this node last looked.</summary>
    public bool Observe(string room, string epoch, long sequence)
    {
        var changed = false;
        if (_seen.Count >= capacity && !_seen.ContainsKey(room))
        {
            _seen.Clear();
        }

        _seen.AddOrUpdate(
            room,
            static (_, next) => next,
            (_, previous, next) =>
            {
                if (previous.Epoch != next.Epoch)
                {
                    changed = true;
                    return next;
                }

                return next.Sequence > previous.Sequence ? next : previous;
            },
            (Epoch: epoch, Sequence: sequence));
        return changed;
    }
}
