namespace RealtimeHub.Client.Internal;

/// <summary>Sends made while the connection is away, in the order they were made, delivered after it is back.</summary>
internal sealed class Outbox(int capacity)
{
    private readonly LinkedList<IPendingSend> _items = new();
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

            _items.AddLast(send);
            return true;
        }
    }

    /// <summary>
    /// Puts back, first in line, a send whose outcome is unknown (the connection dropped mid-call): it was made before
    /// anything queued since, so it goes out first. It was accepted once, so the bound does not apply.
    /// </summary>
    public void Requeue(IPendingSend send)
    {
        lock (_sync)
        {
            _items.AddFirst(send);
        }
    }

    /// <summary>The oldest send still waiting; finished ones (cancelled by their caller) are dropped on the way.</summary>
    public IPendingSend? Peek()
    {
        lock (_sync)
        {
            while (_items.First is { Value.IsCompleted: true })
            {
                _items.RemoveFirst();
            }

            return _items.First?.Value;
        }
    }

    public void Remove(IPendingSend send)
    {
        lock (_sync)
        {
            if (ReferenceEquals(_items.First?.Value, send))
            {
                _items.RemoveFirst();
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
