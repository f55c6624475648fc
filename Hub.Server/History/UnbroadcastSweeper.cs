using Microsoft.Extensions.Options;
using RealtimeHub.Server.Chat;

namespace RealtimeHub.Server.History;

/// <summary>
/// Stored means delivered: a node that stored an entry (a room message, a document update) and died before
/// broadcasting it leaves it listed as unbroadcast. Every node looks, in the logs it has members in, for such entries
/// unconfirmed for longer than <see cref="ChatOptions.RebroadcastAfter"/>, takes a lease on them (one node at a time)
/// and broadcasts them, so every live member gets each acknowledged entry even when its sender never retries. A lease
/// whose broadcast fails runs out and the entry is offered again. Redis mode only; each kind is an <see cref="IRebroadcaster"/>.
/// </summary>
public sealed class UnbroadcastSweeper(
    IEnumerable<IRebroadcaster> kinds,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<UnbroadcastSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RebroadcastAfter / 2, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over this node's logs of every kind; returns how many entries it broadcast.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var broadcast = 0;
        foreach (var kind in kinds)
        {
            foreach (var log in kind.LocalLogs())
            {
                try
                {
                    broadcast += await kind.RebroadcastAsync(log, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    HistoryLog.SweepFailed(logger, kind.Kind, log, ex); // the next pass tries this log again
                }
            }
        }

        return broadcast;
    }
}
