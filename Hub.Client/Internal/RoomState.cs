using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>What the client knows about one joined room. Guarded by <see cref="RoomTracker"/>'s lock.</summary>
internal sealed class RoomState
{
    /// <summary>The room's epoch that <see cref="LastSequence"/> counts in; null until the first snapshot settles it.</summary>
    public string? Epoch { get; set; }

    /// <summary>Sequence of the last message raised in <see cref="Epoch"/>; every message up to it has been raised exactly once.</summary>
    public long LastSequence { get; set; }

    /// <summary>
    /// True for an epoch older than the one followed (epochs start with their creation time, so they sort by age):
    /// a late message of it is dropped, never taken for a newer epoch.
    /// </summary>
    public bool IsOlderEpoch(string epoch) => Epoch is not null && string.CompareOrdinal(epoch, Epoch) < 0;

    /// <summary>
    /// False while joining or recovering: <see cref="LastSequence"/> is not settled yet, so every arrival is held.
    /// </summary>
    public bool Settled { get; set; }

    /// <summary>Messages that arrived ahead of <see cref="LastSequence"/> + 1, held until the gap is filled.</summary>
    public SortedDictionary<long, ChatMessage> Held { get; } = [];

    public bool HasGap => Settled && Held.Count > 0;

    /// <summary>The history this client followed was lost: follow <paramref name="epoch"/> from its start.</summary>
    public void StartEpoch(string epoch)
    {
        Epoch = epoch;
        LastSequence = 0;
        foreach (var stale in Held.Where(held => held.Value.Epoch != epoch).Select(held => held.Key).ToList())
        {
            Held.Remove(stale);
        }
    }
}
