using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using RealtimeHub.Contracts;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Brings a tracked room up to date on a (new) connection: rejoin, work out where the client left off,
/// then feed the missed messages to the <see cref="RoomTracker"/>, which raises each once and in order.
/// </summary>
internal sealed class RoomRecovery(RoomTracker tracker, TimeSpan gapRepairDelay, ILogger logger)
{
    private const int PageSize = ChatLimits.MaxHistoryPage;

    private readonly ConcurrentDictionary<string, bool> _gapRepairs = new(StringComparer.Ordinal);

    public async Task RecoverAsync(HubConnection connection, string room, CancellationToken cancellationToken)
    {
        var snapshot = await connection.InvokeAsync<RoomSnapshot>(nameof(IChatHub.JoinRoom), room, cancellationToken).ConfigureAwait(false);
        if (tracker.Position(room) is not { } position)
        {
            return; // left while rejoining
        }

        // Same epoch: continue after the last message raised. A new epoch (the server lost the room's history): start
        // again at 0 in it, so none of its messages is taken for one already seen.
        if (tracker.Settle(room, snapshot.Epoch, position.LastSequence))
        {
            ChatClientLog.NewEpoch(logger, room, snapshot.Epoch);
        }

        ChatClientLog.Rejoined(logger, room, tracker.Position(room)?.LastSequence ?? 0);
        await CatchUpAsync(connection, snapshot, cancellationToken).ConfigureAwait(false);
        await FillGapAsync(connection, room, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A live message arrived ahead of a gap: give the missing one a moment, then fetch it from history.</summary>
    public void ScheduleGapRepair(HubConnection connection, string room, CancellationToken cancellationToken)
    {
        if (!_gapRepairs.TryAdd(room, true))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(gapRepairDelay, cancellationToken).ConfigureAwait(false);
                await FillGapAsync(connection, room, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                ChatClientLog.GapRepairFailed(logger, room, ex);
            }
            finally
            {
                _gapRepairs.TryRemove(room, out _);
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// Fetches from history what a gap in live delivery is missing; skips it when history no longer has it. A page in a
    /// newer epoch restarts the room at 0 (the tracker sees the epoch), and the next round asks from there.
    /// </summary>
    public async Task FillGapAsync(HubConnection connection, string room, CancellationToken cancellationToken)
    {
        while (tracker.GapStart(room) is { } after)
        {
            var epoch = tracker.Position(room)?.Epoch;
            AcceptAll(await GetHistoryAsync(connection, room, after, cancellationToken).ConfigureAwait(false));
            if (tracker.GapStart(room) == after && tracker.Position(room)?.Epoch == epoch)
            {
                // History has nothing right after our position (trimmed away): move on to what it does have.
                ChatClientLog.GapSkipped(logger, room, after);
                tracker.SkipGap(room);
            }
        }
    }

    private async Task CatchUpAsync(HubConnection connection, RoomSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (tracker.Position(snapshot.Room) is not { } position || position.Epoch != snapshot.Epoch)
        {
            return; // left, or already in a newer epoch than the snapshot (live messages moved it on; gap repair follows it)
        }

        // The snapshot's recent messages often cover the whole outage: no history call needed.
        if (snapshot.Recent.Count > 0 && snapshot.Recent[0].Sequence <= position.LastSequence + 1)
        {
            AcceptAll(snapshot.Recent);
            return;
        }

        var after = position.LastSequence;
        while (after < snapshot.LastSequence)
        {
            var page = await GetHistoryAsync(connection, snapshot.Room, after, cancellationToken).ConfigureAwait(false);
            AcceptAll(page);
            if (page.Length < PageSize)
            {
                return;
            }

            after = page[^1].Sequence;
        }
    }

    private void AcceptAll(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            tracker.Accept(message);
        }
    }

    private static Task<ChatMessage[]> GetHistoryAsync(
        HubConnection connection, string room, long after, CancellationToken cancellationToken) =>
        connection.InvokeAsync<ChatMessage[]>(nameof(IChatHub.GetHistory), room, after, PageSize, cancellationToken);
}
