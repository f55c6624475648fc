using Microsoft.Extensions.Options;
using RealtimeHub.Contracts;
using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Chat;

/// <summary>
/// Stored means delivered: a node that stored a message and died before broadcasting it leaves it listed as
/// unbroadcast. Every node looks, in the rooms it has members in, for such messages unconfirmed for longer than
/// <see cref="ChatOptions.RebroadcastAfter"/>, takes a lease on them (one node at a time) and broadcasts them, so
/// every live member gets each acknowledged message even when its sender never retries. A lease whose broadcast
/// fails runs out and the message is offered again. Redis mode only.
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
        using var timer = new PeriodicTimer(options.Value.RebroadcastAfter / 2, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over this node's rooms; returns how many messages it broadcast.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var broadcast = 0;
        foreach (var room in presence.LocalRooms())
        {
            IReadOnlyList<ChatMessage> claimed;
            try
            {
                claimed = await store.ClaimUnbroadcastAsync(room, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ChatLog.SweepFailed(logger, room, ex);
                continue; // the next pass tries this room again
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
