using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>A join this node asked another node for: whom to attach when the reply comes, and the caller waiting for it.</summary>
internal sealed class PendingJoin(SeatRef seat, string connectionId)
{
    public SeatRef Seat { get; } = seat;

    public string ConnectionId { get; } = connectionId;

    public TaskCompletionSource<JoinReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
