using System.Diagnostics.Metrics;

namespace RealtimeHub.Server.Diagnostics;

/// <summary>
/// The <c>RealtimeHub</c> meter, plus running totals that <c>/stats</c> reads without a listener.
/// </summary>
public sealed class HubMetrics : IDisposable
{
    public const string MeterName = "RealtimeHub";

    private readonly Meter _meter;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _messagesDelivered;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Counter<long> _backplanePublishes;
    private readonly Counter<long> _backplaneReconnects;
    private long _totalReceived;
    private long _totalDelivered;
    private long _connections;
    private long _usersOnline;
    private long _rooms;

    public HubMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _messagesReceived = _meter.CreateCounter<long>("realtimehub.messages.received", "{message}", "Room and private messages accepted from clients on this node.");
        _messagesDelivered = _meter.CreateCounter<long>("realtimehub.messages.delivered", "{message}", "Hub invocations written to connections on this node.");
        _rateLimitRefusals = _meter.CreateCounter<long>("realtimehub.ratelimit.refusals", "{call}", "Hub calls refused by the per-connection rate limit.");
        _backplanePublishes = _meter.CreateCounter<long>("realtimehub.backplane.publishes", "{message}", "Messages this node published to the backplane.");
        _backplaneReconnects = _meter.CreateCounter<long>("realtimehub.backplane.reconnects", "{reconnect}", "Times this node reconnected to the backplane.");
        _meter.CreateObservableUpDownCounter("realtimehub.connections", () => Volatile.Read(ref _connections), "{connection}", "Live hub connections on this node.");
        _meter.CreateObservableGauge("realtimehub.users.online", () => Volatile.Read(ref _usersOnline), "{user}", "Users online across the cluster, as last counted.");
        _meter.CreateObservableGauge("realtimehub.rooms", () => Volatile.Read(ref _rooms), "{room}", "Rooms with members across the cluster, as last counted.");
    }

    public long TotalReceived => Volatile.Read(ref _totalReceived);

    public long TotalDelivered => Volatile.Read(ref _totalDelivered);

    public int Connections => (int)Volatile.Read(ref _connections);

    public void MessageReceived()
    {
        Interlocked.Increment(ref _totalReceived);
        _messagesReceived.Add(1);
    }

    public void MessagesDelivered(int count)
    {
        if (count == 0)
        {
            return;
        }

        Interlocked.Add(ref _totalDelivered, count);
        _messagesDelivered.Add(count);
    }

    public void RateLimitRefused() => _rateLimitRefusals.Add(1);

    public void BackplanePublished() => _backplanePublishes.Add(1);

    public void BackplaneReconnected() => _backplaneReconnects.Add(1);

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    /// <summary>Records the cluster-wide counts last read from presence, for the gauges.</summary>
    public void RecordPresence(long usersOnline, long rooms)
    {
        Volatile.Write(ref _usersOnline, usersOnline);
        Volatile.Write(ref _rooms, rooms);
    }

    public void Dispose() => _meter.Dispose();
}
