using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Turns the messages of each joined room, whether live or fetched from history and in whatever order they
/// come, into one stream per room where each sequence number is raised once and in order.
/// </summary>
/// <remarks>
/// <paramref name="raise"/> is called under the tracker's lock so the raising order is the sequence order;
/// it must only hand the message on (e.g. to the event dispatcher), never block.
/// </remarks>
internal sealed class RoomTracker(Action<ChatMessage> raise)
{
    private readonly Dictionary<string, RoomState> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public IReadOnlyList<string> Rooms
    {
        get
        {
            lock (_sync)
            {
                return [.. _rooms.Keys];
            }
        }
    }

    public bool IsTracked(string room)
    {
        lock (_sync)
        {
            return _rooms.ContainsKey(room);
        }
    }

    /// <summary>Starts tracking a room that was not tracked; arrivals are held until <see cref="Settle"/>.</summary>
    /// <returns>False when the room was already tracked (its position is kept).</returns>
    public bool TryBeginJoin(string room)
    {
        lock (_sync)
        {
            return _rooms.TryAdd(room, new RoomState());
        }
    }

    public void Forget(string room)
    {
        lock (_sync)
        {
            _rooms.Remove(room);
        }
    }

    /// <summary>The connection is gone: hold every arrival until each room is recovered and settled again.</summary>
    public void SuspendAll()
    {
        lock (_sync)
        {
            foreach (var state in _rooms.Values)
            {
                state.Settled = false;
            }
        }
    }

    /// <summary>The last sequence raised in <paramref name="room"/> and its message id; null when not tracked.</summary>
    public (long LastSequence, string? LastMessageId)? Position(string room)
    {
        lock (_sync)
        {
            return _rooms.TryGetValue(room, out var state) ? (state.LastSequence, state.LastMessageId) : null;
        }
    }

    /// <summary>Fixes where the room continues from, then raises whatever was held and now follows on.</summary>
    public void Settle(string room, long lastSequence, string? lastMessageId)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var state))
            {
                return;
            }

            state.LastSequence = lastSequence;
            state.LastMessageId = lastMessageId;
            state.Settled = true;
            Drain(state);
        }
    }

    /// <summary>Raises <paramref name="message"/> if it is the next one, holds it if it is ahead, drops it if already raised.</summary>
    /// <returns>True when the room now waits on a gap that may need filling from history.</returns>
    public bool Accept(ChatMessage message)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(message.Room, out var state))
            {
                return false; // left the room, or never joined it
            }

            if (state.Settled && message.Sequence <= state.LastSequence)
            {
                return false; // already raised: a live copy of a caught-up message, or the reverse
            }

            state.Held.TryAdd(message.Sequence, message);
            if (state.Settled)
            {
                Drain(state);
            }

            return state.HasGap;
        }
    }

    /// <summary>The sequence to fetch history after, when <paramref name="room"/> is waiting on a gap; else null.</summary>
    public long? GapStart(string room)
    {
        lock (_sync)
        {
            return _rooms.TryGetValue(room, out var state) && state.HasGap ? state.LastSequence : null;
        }
    }

    /// <summary>Gives up on a gap history could not fill (trimmed away) and raises what follows it.</summary>
    public void SkipGap(string room)
    {
        lock (_sync)
        {
            if (_rooms.TryGetValue(room, out var state) && state.HasGap)
            {
                state.LastSequence = state.Held.First().Key - 1;
                Drain(state);
            }
        }
    }

    private void Drain(RoomState state)
    {
        while (state.Held.Count > 0)
        {
            var (sequence, message) = state.Held.First();
            if (sequence > state.LastSequence + 1)
            {
                return; // a gap: wait for the missing message
            }

            state.Held.Remove(sequence);
            if (sequence <= state.LastSequence)
            {
                continue; // superseded by a settle or already raised
            }

            state.LastSequence = sequence;
            state.LastMessageId = message.Id;
            raise(message);
        }
    }
}
