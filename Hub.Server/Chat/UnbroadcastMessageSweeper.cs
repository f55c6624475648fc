using Microsoft.Extensions.Options;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Chat;

/// <summary>
/// Stored means delivered: a node that stored a message and died before broadcasting it leaves it listed as
/// unbroadcast. Every node looks, in the rooms it has members in, for such messages older than
/// <see cref="ChatOptions.RebroadcastAfter"/>, claims them (one node wins each) and broadcasts them, so every live
/// member gets each acknowledged message even when its sender never retries. Redis mode only.
/// </summary>
public sealed class UnbroadcastMessageSweeper(
    IPresenceTracker presence,
    IMessageStore store,
    ChatService chat,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<UnbroadcastMessageSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var after = options.Value.RebroadcastAfter;
        using var timer = new PeriodicTimer(after / 2, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await SweepAsync(after, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over this node's rooms; returns how many messages it broadcast.</summary>
    public async Task<int> SweepAsync(TimeSpan storedBefore, CancellationToken cancellationToken)
    {
        var broadcast = 0;
        foreach (var room in presence.LocalRooms())
        {
            IReadOnlyList<Contracts.ChatMessage> claimed;
            try
            {
                claimed = await store.ClaimUnbroadcastAsync(room, storedBefore, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ChatLog.SweepFailed(logger, room, ex);
                return broadcast; // Redis is away: the next pass tries again
            }

            foreach (var message in claimed)
            {
                ChatLog.Rebroadcasting(logger, message.Id, room, message.Sequence);
                await chat.BroadcastRoomMessageAsync(message).ConfigureAwait(false);
                broadcast++;
            }
        }

        return broadcast;
    }
}
