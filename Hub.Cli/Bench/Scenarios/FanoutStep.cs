using System.Text;
using RealtimeHub.Cli.Bench.Measuring;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>The counters of one step, shared by the sender thread and every receive loop.</summary>
internal sealed class FanoutStep(string tag, int total)
{
    private long _acked;
    private long _errors;
    private long _delivered;
    private long _deliveredInWindow;
    private long _duplicates;

    public string Tag { get; } = tag;

    public byte[] TagBytes { get; } = Encoding.UTF8.GetBytes(tag);

    public SentMessage?[] Messages { get; } = new SentMessage?[total];

    public Histogram Latency { get; } = new();

    public volatile bool WindowOpen;

    public long Acked => Interlocked.Read(ref _acked);

    public long Errors => Interlocked.Read(ref _errors);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long DeliveredInWindow => Interlocked.Read(ref _deliveredInWindow);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Ack(bool isError) => Interlocked.Increment(ref isError ? ref _errors : ref _acked);

    public void Deliver(SentMessage message, int member)
    {
        if (message.Seen[member]++ > 0)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Interlocked.Increment(ref _delivered);
        if (WindowOpen)
        {
            Interlocked.Increment(ref _deliveredInWindow);
        }

        Latency.RecordMs(Clock.ElapsedMs(message.ScheduledAt));
    }
}
