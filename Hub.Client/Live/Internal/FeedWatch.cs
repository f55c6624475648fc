using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using RealtimeHub.Client.Internal;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Client.Live.Internal;

/// <summary>
/// One <see cref="LiveClient.WatchAsync"/>: a pump that watches the feed, and watches it again whenever the stream
/// ends without a refusal (the connection was lost, the hub was <c>unavailable</c>), feeding a <see cref="FeedMailbox"/>
/// the consumer reads from. A refusal ends the watch with a <see cref="LiveWatchException"/>.
/// </summary>
internal sealed class FeedWatch(
    IFeedStreams streams, string feed, string[]? keys, double? maxPerSecond, IRetryPolicy retryPolicy, TimeProvider time, ILogger logger)
{
    /// <summary>Refusals that watching again cannot change; anything else from the hub is retried only if it is <c>unavailable</c>.</summary>
    private static readonly string[] Refusals =
        [LiveErrors.InvalidFeed, LiveErrors.InvalidKey, LiveErrors.InvalidRate, LiveErrors.TooManyWatches, LiveErrors.ForbiddenFeed];

    public async IAsyncEnumerable<FeedBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var mailbox = new FeedMailbox(feed);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(mailbox, stop.Token);
        try
        {
            while (await mailbox.TakeAsync(cancellationToken).ConfigureAwait(false) is { } batch)
            {
                yield return batch;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private async Task PumpAsync(FeedMailbox mailbox, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the consumer's first MoveNextAsync returns at once, whatever the stream does
        try
        {
            await WatchAgainAndAgainAsync(mailbox, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            mailbox.Complete(ex);
        }
    }

    /// <summary>Returns only by throwing: a refusal, the policy giving up, the client closing, or cancellation.</summary>
    private async Task WatchAgainAndAgainAsync(FeedMailbox mailbox, CancellationToken cancellationToken)
    {
        var retries = new WatchRetries(retryPolicy, time);
        while (true)
        {
            await streams.WaitUntilConnectedAsync(cancellationToken).ConfigureAwait(false);
            LiveClientLog.Watching(logger, feed);
            var (gotSnapshot, end) = await WatchOnceAsync(mailbox, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (end is HubException refused && !ChatErrorText.HasPrefix(refused, LiveErrors.Unavailable))
            {
                LiveClientLog.WatchRefused(logger, feed, refused);
                var error = Array.Find(Refusals, prefix => ChatErrorText.HasPrefix(refused, prefix));
                throw new LiveWatchException(feed, error, $"Watching feed '{feed}' was refused: {refused.Message}", refused);
            }

            if (gotSnapshot)
            {
                retries.Reset();
                if (end is not null and not HubException)
                {
                    // The connection was lost: HubConnection paces the reconnect; watch again as soon as it is back.
                    LiveClientLog.WatchInterrupted(logger, feed, end);
                    continue;
                }
            }

            await PauseAsync(retries, end, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>Whether the stream delivered its snapshot, and the error it ended with (null: the hub completed it).</returns>
    private async Task<(bool GotSnapshot, Exception? End)> WatchOnceAsync(FeedMailbox mailbox, CancellationToken cancellationToken)
    {
        var gotSnapshot = false;
        try
        {
            await foreach (var batch in streams.Watch(feed, keys, maxPerSecond, cancellationToken).ConfigureAwait(false))
            {
                gotSnapshot |= batch.Snapshot;
                mailbox.Add(batch);
            }

            return (gotSnapshot, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (gotSnapshot, ex);
        }
    }

    /// <summary>Waits as the retry policy says before watching again, or throws when it gives up.</summary>
    private async Task PauseAsync(WatchRetries retries, Exception? end, CancellationToken cancellationToken)
    {
        var reason = end ?? new InvalidOperationException("The hub ended the watch without an error.");
        if (retries.Next(reason) is not { } delay)
        {
            LiveClientLog.WatchGaveUp(logger, feed, reason);
            var error = end is HubException ? LiveErrors.Unavailable : null;
            throw new LiveWatchException(feed, error, $"Gave up watching feed '{feed}' again: {reason.Message}", reason);
        }

        LiveClientLog.WatchRetrying(logger, feed, reason.Message, delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
    }
}
