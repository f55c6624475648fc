using System.Collections.Concurrent;

namespace RealtimeHub.Server.History;

/// <summary>
/// The newest (epoch, sequence) this node has seen per sequenced log (a room's, a document's). Redis cannot tell that a
/// failover to a lagging replica took its counter back; a node that already saw a higher sequence in the same epoch can,
/// and says so to the scripts. Epochs sort by age, so replies observed out of order never take a log back to an older epoch.
/// Bounded: past the cap it starts over, which only forgets evidence, never invents it.
/// </summary>
internal sealed class SequenceHints(int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, (string Epoch, long Sequence)> _seen = new(StringComparer.Ordinal);

    public (string Epoch, long Sequence) Get(string name) => _seen.TryGetValue(name, out var seen) ? seen : (string.Empty, 0);

    /// <summary>Records what a script answered; returns true when it showed the log in a newer epoch than this node knew.</summary>
    public bool Observe(string name, string epoch, long sequence)
    {
        while (true)
        {
            if (!_seen.TryGetValue(name, out var previous))
            {
                // Count takes every lock of the dictionary: only look at it when a log is new to this node.
                if (_seen.Count >= capacity)
                {
                    _seen.Clear();
                }

                if (_seen.TryAdd(name, (epoch, sequence)))
                {
                    return false;
                }

                continue;
            }

            var order = string.CompareOrdinal(epoch, previous.Epoch);
            if (order < 0 || (order == 0 && sequence <= previous.Sequence))
            {
                return false; // older news
            }

            if (_seen.TryUpdate(name, (epoch, sequence), previous))
            {
                return order > 0;
            }
        }
    }
}
