namespace RealtimeHub.Client.Internal;

/// <summary>Sends made while the connection is away, in the order they were made, delivered after it is back.</summary>
internal sealed class Outbox(int capacity)
{
    private readonly Queue<IPendingSend> _items = new();
    private readonly Lock _sync = new();

    public int Capacity { get; } = capacity;

    public bool IsEmpty
    {
        get
        {
            lock (_sync)
            {
                return _items.Count == 0;
            }
        }
    }

    /// <summary>Queues a new send; false when the queue is full.</summary>
    public bool TryEnqueue(IPendingSend send)
    {
        lock (_sync)
        {
            if (_items.Count >= Capacity)
            {
                return false;
            }

            _items.Enqueue(send);
            return true;
        }
    }

    /// <summary>Queues a send whose outcome is unknown (the connection dropped mid-call); it was accepted once, so the bound does not apply.</summary>
    public void Requeue(IPendingSend send)
    {
        lock (_sync)
        {
            _items.Enqueue(send);
        }
    }

    /// <summary>The oldest send still waiting; finished ones (cancelled by their caller) are dropped on the way.</summary>
    public IPendingSend? Peek()
    {
        lock (_sync)
        {
            while (_items.TryPeek(out var next) && next.IsCompleted)
            {
                _items.Dequeue();
            }

            return _items.Count > 0 ? _items.Peek() : null;
        }
    }

    public void Remove(IPendingSend send)
    {
        lock (_sync)
        {
            if (_items.TryPeek(out var head) && ReferenceEquals(head, send))
            {
                _items.Dequeue();
            }
        }
    }

    public void FailAll(Exception error)
    {
        IPendingSend[] failed;
        lock (_sync)
        {
            failed = [.. _items];
            _items.Clear();
        }

        foreach (var send in failed)
        {
            send.Fail(error);
        }
    }
}
