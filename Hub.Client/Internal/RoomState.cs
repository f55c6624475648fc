using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>What the client knows about one joined room. Guarded by <see cref="RoomTracker"/>'s lock.</summary>
internal sealed class RoomState
{
    /// <summary>Sequence of the last message raised; every message up to it has been raised exactly once.</summary>
    public long LastSequence { get; set; }

    /// <summary>Id of the message at <see cref="LastSequence"/>, to tell a continued history from one that restarted.</summary>
    public string? LastMessageId { get; set; }

    /// <summary>
    /// False while joining or recovering: <see cref="LastSequence"/> is not settled yet, so every arrival is held.
    /// </summary>
    public bool Settled { get; set; }

    /// <summary>Messages that arrived ahead of <see cref="LastSequence"/> + 1, held until the gap is filled.</summary>
    public SortedDictionary<long, ChatMessage> Held { get; } = [];

    public bool HasGap => Settled && Held.Count > 0;
}
