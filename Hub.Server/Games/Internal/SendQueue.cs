using System.Collections.Concurrent;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// A match's sends, run one at a time and in the order posted, on the thread pool: the loop hands a tick's states and
/// scores over and goes on with the next match, instead of writing every player's frame (and the players channel's)
/// inside the tick. A match's sends never overtake each other; different matches' run side by side.
/// </summary>
internal sealed class SendQueue(Action<Exception> failed)
{
    private readonly ConcurrentQueue<Action> _sends = new();
    private int _draining;

    public void Post(Action send)
    {
        _sends.Enqueue(send);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static queue => queue.Drain(), this, preferLocal: false);
        }
    }

    private void Drain()
    {
        do
        {
            while (_sends.TryDequeue(out var send))
            {
                try
                {
                    send();
                }
                catch (Exception exception)
                {
                    failed(exception); // one failed send must not stop the match's later ones
                }
            }

            Volatile.Write(ref _draining, 0);
        }
        while (!_sends.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0); // posted after the last dequeue
    }
}
