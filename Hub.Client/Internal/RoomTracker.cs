using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Turns the messages of each joined room, whether live or fetched from history and in whatever order they
/// come, into one stream per room where each (epoch, sequence) is raised once and in order. A message of a newer
/// epoch (the server lost the room's history; epochs sort by age) starts the room over at sequence 0 in that epoch;
/// nothing of the new epoch is dropped as "already seen", and late messages of an older epoch are dropped.
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

    /// <summary>The epoch and last sequence raised in <paramref name="room"/>; null when not tracked.</summary>
    public (string? Epoch, long LastSequence)? Position(string room)
    {
        lock (_sync)
        {
            return _rooms.TryGetValue(room, out var state) ? (state.Epoch, state.LastSequence) : null;
        }
    }

    /// <summary>
    /// Fixes where the room continues from: <paramref name="lastSequence"/> in <paramref name="epoch"/>, or 0 when the
    /// room is in a new epoch since the client last looked. Then raises whatever was held and now follows on.
    /// </summary>
    /// <returns>True when <paramref name="epoch"/> is new to the room (the client must catch up from sequence 0).</returns>
    public bool Settle(string room, string epoch, long lastSequence)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(room, out var state))
            {
                return false;
            }

            // Epochs sort by age: a live message held meanwhile may already be of a newer epoch than the snapshot,
            // and a snapshot read before a newer epoch this client already follows is stale.
            var newest = state.Held.Values.Select(held => held.Epoch).Append(epoch).Append(state.Epoch ?? epoch).Max(StringComparer.Ordinal)!;
            var renewed = state.Epoch is not null && newest != state.Epoch;
            if (newest != state.Epoch)
            {
                state.StartEpoch(newest);
            }

            if (!renewed && epoch == newest)
            {
                state.LastSequence = Math.Max(state.LastSequence, lastSequence);
            }

            state.Settled = true;
            Drain(state);
            return renewed;
        }
    }

    /// <summary>Raises <paramref name="message"/> if it is the next one, holds it if it is ahead, drops it if already raised.</summary>
    /// <returns>True when the room now waits on a gap that may need filling from history.</returns>
    public bool Accept(ChatMessage message)
    {
        lock (_sync)
        {
            if (!_rooms.TryGetValue(message.Room, out var state) || state.IsOlderEpoch(message.Epoch))
            {
                return false; // left the room, never joined it, or a late message of a history already lost
            }

            if (state.Settled && message.Epoch != state.Epoch)
            {
                state.StartEpoch(message.Epoch); // a newer epoch: the history was lost, and what follows counts from 1 again
            }

            if (state.Settled && message.Sequence <= state.LastSequence)
            {
                return false; // already raised: a live copy of a caught-up message, or the reverse
            }

            if (!state.Held.TryAdd(message.Sequence, message) && string.CompareOrdinal(message.Epoch, state.Held[message.Sequence].Epoch) > 0)
            {
                state.Held[message.Sequence] = message; // held while recovering: keep the newer epoch's message at this sequence
            }

            if (state.Settled)
            {
                Drain(state);
            }

            return state.HasGap;
        }
    }

    /// <summary>The sequence to fetch history after, when <paramref name="room"/> is waiting on a gap; else null.</summary>
    /// <remarks>History answers in the room's current epoch; a reply in a newer epoch restarts the room, and the gap then starts at 0.</remarks>
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
            if (sequence <= state.LastSequence || message.Epoch != state.Epoch)
            {
                continue; // superseded by a settle, already raised, or held from an epoch the snapshot did not confirm
            }

            state.LastSequence = sequence;
            raise(message);
        }
    }
}
