namespace RealtimeHub.Server.Live.Internal;

/// <summary>One watch's place among its connection's <see cref="WatchSlots"/>; released once, by whichever comes first: the stream's cancellation or the watch's end.</summary>
internal sealed class WatchSlot(WatchSlots owner)
{
    private int _released;

    public void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            owner.Return();
        }
    }
}
