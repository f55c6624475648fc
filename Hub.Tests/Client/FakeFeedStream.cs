using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Tests.Client;

/// <summary>One <c>Watch</c> stream of <see cref="FakeFeedStreams"/>: what it was asked for, and batches the test sends.</summary>
internal sealed class FakeFeedStream(string feed, string[]? keys, double? maxPerSecond, bool openedWhileConnected, CancellationToken cancellationToken)
{
    private readonly Channel<FeedBatch> _batches = Channel.CreateUnbounded<FeedBatch>();
    private Exception? _error;

    public string Feed { get; } = feed;

    public string[]? Keys { get; } = keys;

    public double? MaxPerSecond { get; } = maxPerSecond;

    /// <summary>Whether the connection signal was open when the watch asked for this stream.</summary>
    public bool OpenedWhileConnected { get; } = openedWhileConnected;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public void Send(FeedBatch batch) => _batches.Writer.TryWrite(batch);

    /// <summary>Ends the stream: with <paramref name="error"/> (as the hub's error or a lost connection would), or completed.</summary>
    public void End(Exception? error = null)
    {
        _error = error;
        _batches.Writer.TryComplete();
    }

    public async IAsyncEnumerable<FeedBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _batches.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_batches.Reader.TryRead(out var batch))
            {
                yield return batch;
            }
        }

        if (_error is not null)
        {
            throw _error;
        }
    }
}
