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

        var resumeAt = await FindResumePointAsync(connection, snapshot, position, cancellationToken).ConfigureAwait(false);
        tracker.Settle(room, resumeAt.LastSequence, resumeAt.LastMessageId);
        ChatClientLog.Rejoined(logger, room, resumeAt.LastSequence);
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

    /// <summary>Fetches from history what a gap in live delivery is missing; skips it when history no longer has it.</summary>
    public async Task FillGapAsync(HubConnection connection, string room, CancellationToken cancellationToken)
    {
        while (tracker.GapStart(room) is { } after)
        {
            AcceptAll(await GetHistoryAsync(connection, room, after, cancellationToken).ConfigureAwait(false));
            if (tracker.GapStart(room) == after)
            {
                // History has nothing right after our position (trimmed away): move on to what it does have.
                ChatClientLog.GapSkipped(logger, room, after);
                tracker.SkipGap(room);
            }
        }
    }

    /// <summary>
    /// Where to continue: normally the last sequence raised. But when the server lost the room's history (an
    /// embedded-mode restart), sequences start again at 1, so the client starts again too. That is recognised by
    /// the room now ending before our position, or by a different message sitting at our position.
    /// </summary>
    private async Task<(long LastSequence, string? LastMessageId)> FindResumePointAsync(
        HubConnection connection, RoomSnapshot snapshot, (long LastSequence, string? LastMessageId) position, CancellationToken cancellationToken)
    {
        var (last, lastId) = position;
        if (last == 0)
        {
            return position;
        }

        var restarted = snapshot.LastSequence < last;
        if (!restarted && lastId is not null)
        {
            var anchor = snapshot.Recent.FirstOrDefault(m => m.Sequence == last)
                ?? (await GetHistoryAsync(connection, snapshot.Room, last - 1, cancellationToken, limit: 1).ConfigureAwait(false)).FirstOrDefault();
            restarted = anchor is not null && anchor.Sequence == last && anchor.Id != lastId;
        }

        if (restarted)
        {
            ChatClientLog.HistoryRestarted(logger, snapshot.Room);
            return (0, null);
        }

        return position;
    }

    private async Task CatchUpAsync(HubConnection connection, RoomSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (tracker.Position(snapshot.Room) is not { } position)
        {
            return;
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
        HubConnection connection, string room, long after, CancellationToken cancellationToken, int limit = PageSize) =>
        connection.InvokeAsync<ChatMessage[]>(nameof(IChatHub.GetHistory), room, after, limit, cancellationToken);
}
