using RealtimeHub.Client.Live.Internal;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Client;

/// <summary>
/// Stands in for the hub under a <see cref="FeedWatch"/>: each <c>Watch</c> call opens a <see cref="FakeFeedStream"/>
/// the test feeds and ends by hand, and <see cref="Connection"/> is the real signal the live client opens and shuts.
/// </summary>
internal sealed class FakeFeedStreams : IFeedStreams
{
    public FakeFeedStreams() => Connection.Open();

    public ConnectedSignal Connection { get; } = new();

    /// <summary>Every stream opened, in order.</summary>
    public EventLog<FakeFeedStream> Watches { get; } = new();

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => Connection.WaitAsync(cancellationToken);

    public IAsyncEnumerable<FeedBatch> Watch(string feed, string[]? keys, double? maxPerSecond, CancellationToken cancellationToken)
    {
        var connected = Connection.WaitAsync(CancellationToken.None).IsCompletedSuccessfully;
        var stream = new FakeFeedStream(feed, keys, maxPerSecond, connected, cancellationToken);
        Watches.Add(stream);
        return stream.ReadAsync(cancellationToken);
    }

    /// <summary>Waits for the <paramref name="number"/>-th stream (from 1).</summary>
    public async Task<FakeFeedStream> WatchNumberAsync(int number) =>
        (await Watches.WaitForCountAsync(number, "watch streams"))[number - 1];
}
