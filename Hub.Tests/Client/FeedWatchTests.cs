using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using RealtimeHub.Client.Live;
using RealtimeHub.Client.Live.Internal;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Tests.Infrastructure;
using static RealtimeHub.Tests.Client.FeedBatches;

namespace RealtimeHub.Tests.Client;

/// <summary>The live client's watch-again logic over streams the test drives (no hub, no sleeping).</summary>
public sealed class FeedWatchTests : IAsyncLifetime
{
    private readonly FakeFeedStreams _streams = new();
    private readonly RecordingRetryPolicy _policy = new();
    private readonly WatchRecorder _watch;

    public FeedWatchTests() =>
        _watch = new(ct => new FeedWatch(_streams, Feed, ["A", "B"], 2, _policy, TimeProvider.System, NullLogger.Instance).ReadAsync(ct));

    [Fact]
    public async Task TheWatchAsksTheHubForTheFeedKeysAndRateAndYieldsWhatItSends()
    {
        var stream = await _streams.WatchNumberAsync(1);
        stream.Send(Snapshot(("A", 1), ("B", 1)));
        Assert.Equal("S A1 B1", Describe(await _watch.ItemAsync(1)));
        stream.Send(Changes(("B", 2)));
        Assert.Equal("B2", Describe(await _watch.ItemAsync(2)));

        Assert.Equal(Feed, stream.Feed);
        Assert.Equal(["A", "B"], stream.Keys!);
        Assert.Equal(2, stream.MaxPerSecond);
    }

    [Fact]
    public async Task AfterTheConnectionIsLostItWatchesAgainOnceReconnectedAndYieldsAFreshSnapshot()
    {
        var first = await _streams.WatchNumberAsync(1);
        first.Send(Snapshot(("A", 1), ("B", 1)));
        await _watch.ItemAsync(1);
        first.Send(Changes(("A", 2)));
        await _watch.ItemAsync(2);

        _streams.Connection.Shut();
        first.End(new IOException("connection lost"));
        _streams.Connection.Open();

        var second = await _streams.WatchNumberAsync(2);
        Assert.True(second.OpenedWhileConnected, "watched again before the connection was back");
        second.Send(Snapshot(("A", 3), ("B", 1)));
        await _watch.ItemAsync(3);
        second.Send(Changes(("A", 3), ("B", 2))); // A3 came with the snapshot already
        await _watch.ItemAsync(4);

        Assert.Equal(["S A1 B1", "A2", "S A3 B1", "B2"], Described());
        Assert.Empty(_policy.Asked.Snapshot()); // the reconnect was paced by the connection's own policy
    }

    [Fact]
    public async Task AVersionTheConsumerAlreadyHasIsNeverYieldedAgain()
    {
        var stream = await _streams.WatchNumberAsync(1);
        stream.Send(Snapshot(("A", 5)));
        await _watch.ItemAsync(1);
        stream.Send(Changes(("A", 5)));
        stream.Send(Changes(("A", 4)));
        stream.Send(Changes(("A", 6)));
        await _watch.ItemAsync(2);

        Assert.Equal(["S A5", "A6"], Described());
    }

    [Fact]
    public async Task UnavailableWatchesAgainAfterTheRetryPolicysDelayAndYieldsAFreshSnapshot()
    {
        var first = await _streams.WatchNumberAsync(1);
        first.Send(Snapshot(("A", 1)));
        await _watch.ItemAsync(1);
        first.End(new HubException("unavailable: the node cannot reach Redis"));

        var second = await _streams.WatchNumberAsync(2);
        second.Send(Snapshot(("A", 2)));

        Assert.Equal("S A2", Describe(await _watch.ItemAsync(2)));
        var asked = Assert.Single(_policy.Asked.Snapshot());
        Assert.Equal(0, asked.PreviousRetryCount);
        Assert.IsType<HubException>(asked.RetryReason);
    }

    [Fact]
    public async Task AStreamTheHubCompletesIsWatchedAgainAfterTheRetryPolicysDelay()
    {
        var first = await _streams.WatchNumberAsync(1);
        first.Send(Snapshot(("A", 1)));
        first.End();

        var second = await _streams.WatchNumberAsync(2);
        second.Send(Snapshot(("A", 1)));

        await _watch.ItemAsync(2);
        Assert.Single(_policy.Asked.Snapshot());
    }

    [Fact]
    public async Task FailuresBeforeASnapshotCountUpUntilOneSucceeds()
    {
        for (var number = 1; number <= 3; number++)
        {
            (await _streams.WatchNumberAsync(number)).End(new HubException("unavailable"));
        }

        var fourth = await _streams.WatchNumberAsync(4);
        fourth.Send(Snapshot(("A", 1)));
        await _watch.ItemAsync(1);
        fourth.End(new HubException("unavailable"));
        await _streams.WatchNumberAsync(5);

        Assert.Equal([0, 1, 2, 0], _policy.Asked.Snapshot().Select(c => c.PreviousRetryCount));
    }

    [Fact]
    public async Task WhenTheRetryPolicyGivesUpTheWatchEndsWithUnavailable()
    {
        var policy = new RecordingRetryPolicy(giveUpAfter: 1);
        var streams = new FakeFeedStreams();
        await using var watch = new WatchRecorder(ct => new FeedWatch(streams, Feed, null, null, policy, TimeProvider.System, NullLogger.Instance).ReadAsync(ct));

        (await streams.WatchNumberAsync(1)).End(new HubException("unavailable"));
        (await streams.WatchNumberAsync(2)).End(new HubException("unavailable"));

        var error = await watch.EndedWithAsync<LiveWatchException>();
        Assert.Equal((Feed, LiveErrors.Unavailable), (error.Feed, error.Error));
        Assert.Equal(2, streams.Watches.Snapshot().Count);
    }

    [Theory]
    [InlineData("invalid feed: 'no spaces' is not a feed name", LiveErrors.InvalidFeed)]
    [InlineData("invalid key: at most 500 keys", LiveErrors.InvalidKey)]
    [InlineData("invalid rate: 0.1 to 50 per second", LiveErrors.InvalidRate)]
    [InlineData("too many watches: at most 20 per connection", LiveErrors.TooManyWatches)]
    [InlineData("An unexpected error occurred invoking 'Watch' on the server. HubException: forbidden feed: quotes", LiveErrors.ForbiddenFeed)]
    public async Task ARefusalEndsTheWatchWithTheContractsError(string message, string expected)
    {
        (await _streams.WatchNumberAsync(1)).End(new HubException(message));

        var error = await _watch.EndedWithAsync<LiveWatchException>();
        Assert.Equal(expected, error.Error);
        Assert.Contains(message, error.Message);
        Assert.Single(_streams.Watches.Snapshot());
        Assert.Empty(_policy.Asked.Snapshot());
    }

    [Fact]
    public async Task AnErrorTheContractDoesNotNameEndsTheWatchInsteadOfRetryingForever()
    {
        (await _streams.WatchNumberAsync(1)).End(new HubException("Method does not exist."));

        var error = await _watch.EndedWithAsync<LiveWatchException>();
        Assert.Null(error.Error);
    }

    [Fact]
    public async Task WhatArrivedBeforeARevokeIsYieldedBeforeTheWatchEnds()
    {
        var stream = await _streams.WatchNumberAsync(1);
        stream.Send(Snapshot(("A", 1)));
        stream.End(new HubException("forbidden feed: quotes"));

        await _watch.EndedWithAsync<LiveWatchException>();
        Assert.Equal(["S A1"], Described());
    }

    [Fact]
    public async Task WhenTheClientClosesForGoodTheWatchEndsWithInvalidOperationException()
    {
        var stream = await _streams.WatchNumberAsync(1);
        stream.Send(Snapshot(("A", 1)));
        await _watch.ItemAsync(1);

        _streams.Connection.Close(new InvalidOperationException("The connection closed and was not re-established."));
        stream.End(new IOException("connection lost"));

        var error = await _watch.EndedWithAsync<InvalidOperationException>();
        Assert.Contains("not re-established", error.Message);
    }

    [Fact]
    public async Task CancellingTheEnumerationCancelsTheHubStream()
    {
        var stream = await _streams.WatchNumberAsync(1);
        stream.Send(Snapshot(("A", 1)));
        await _watch.ItemAsync(1);

        _watch.Cancel();

        await _watch.EndedWithAsync<OperationCanceledException>();
        Assert.True(stream.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task LeavingTheLoopEarlyCancelsTheHubStream()
    {
        var streams = new FakeFeedStreams();
        var watch = new FeedWatch(streams, Feed, null, null, _policy, TimeProvider.System, NullLogger.Instance);
        var reading = Task.Run(async () =>
        {
            await foreach (var batch in watch.ReadAsync(CancellationToken.None))
            {
                return Describe(batch);
            }

            return null;
        });
        var stream = await streams.WatchNumberAsync(1);
        stream.Send(Snapshot(("A", 1)));

        Assert.Equal("S A1", await reading.WaitAsync(TestTimeouts.Event));
        Assert.True(stream.CancellationToken.IsCancellationRequested);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _watch.DisposeAsync();

    private List<string> Described() => [.. _watch.Items.Snapshot().Select(Describe)];
}
