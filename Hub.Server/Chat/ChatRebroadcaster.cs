using RealtimeHub.Server.History;
using RealtimeHub.Server.Presence;

namespace RealtimeHub.Server.Chat;

/// <summary>Rooms as <see cref="UnbroadcastSweeper"/> sweeps them: this node's rooms, their unconfirmed messages broadcast again.</summary>
public sealed class ChatRebroadcaster(IPresenceTracker presence, IMessageStore store, ChatService chat, ILogger<ChatRebroadcaster> logger) : IRebroadcaster
{
    public string Kind => "room";

    public IReadOnlyList<string> LocalLogs() => presence.LocalRooms();

    public async Task<int> RebroadcastAsync(string log, CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimUnbroadcastAsync(log, cancellationToken).ConfigureAwait(false);
        foreach (var message in claimed)
        {
            ChatLog.Rebroadcasting(logger, message.Id, log, message.Sequence);
            await chat.BroadcastRoomMessageAsync(message).ConfigureAwait(false);
        }

        return claimed.Count;
    }
}
