using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Games;

/// <summary>
/// Once per <c>Games:SaveInterval</c>: saves every match this node runs and renews its leases, keeps its connected
/// players' seats, frees lapsed ones and ends empty matches, stops matches another node took over, and adopts matches
/// whose node stopped renewing (from their last save). On shutdown it hands its matches over at once.
/// </summary>
public sealed class MatchUpkeep(
    MatchHost host,
    MatchRelay relay,
    IMatchDirectory directory,
    GameKindCatalog kinds,
    IOptions<MatchHostingOptions> options,
    TimeProvider time,
    ILogger<MatchUpkeep> logger) : BackgroundService
{
    /// <summary>How long after a lease runs out the extra round looks for it (Redis's clock and this node's may differ a little).</summary>
    private static readonly TimeSpan LeaseEndMargin = TimeSpan.FromMilliseconds(50);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await host.HandOffAllAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            // Redis is unreachable (or this node crashed): the others take the matches over when the leases run out.
            MatchHostLog.UpkeepFailed(logger, "handing matches over", exception);
        }
    }

    /// <summary>One round of upkeep; returns how soon a lease of a match run elsewhere runs out unless renewed (null: none).</summary>
    internal async Task<TimeSpan?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await host.SaveAllAsync(cancellationToken);
        TimeSpan? soonest = null;
        foreach (var kind in kinds.Names)
        {
            if (await MaintainAsync(kind, cancellationToken) is { } next && (soonest is null || next < soonest))
            {
                soonest = next;
            }
        }

        return soonest;
    }

    /// <summary>
    /// A round every <c>Games:SaveInterval</c>, on a fixed schedule (saves stay at most that far apart), and one more just
    /// after a lease of another node's match runs out, when that comes before the next round: a dead node's matches are
    /// then taken over about a lease after its last renewal, not up to an interval later.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SaveInterval;
        var due = time.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetElapsedTime(due) >= TimeSpan.Zero)
                {
                    due = NextDue(due, interval);
                }

                TimeSpan? leaseEnd = null;
                try
                {
                    leaseEnd = await RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    MatchHostLog.UpkeepFailed(logger, "upkeep", exception);
                }

                var wait = -time.GetElapsedTime(due);
                if (leaseEnd is { } end && end + LeaseEndMargin < wait)
                {
                    wait = end + LeaseEndMargin;
                }

                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The next regular round after the one due at <paramref name="due"/>; a node that fell behind starts afresh from now.</summary>
    private long NextDue(long due, TimeSpan interval)
    {
        var next = due + (long)(interval.TotalSeconds * time.TimestampFrequency);
        return time.GetElapsedTime(next) >= TimeSpan.Zero ? time.GetTimestamp() + (long)(interval.TotalSeconds * time.TimestampFrequency) : next;
    }

    private async Task<TimeSpan?> MaintainAsync(string kind, CancellationToken cancellationToken)
    {
        var connected = relay.Seats.Where(s => MatchIds.TryGetKind(s.MatchId, out var k) && k == kind).ToArray();
        var owned = host.Matches.Where(m => m.Kind.Name == kind).Select(m => m.Id).ToArray();
        var readAt = time.GetTimestamp();
        var upkeep = await directory.MaintainAsync(kind, connected, owned, cancellationToken);
        foreach (var (matchId, seats) in upkeep.Seats)
        {
            if (seats is null)
            {
                MatchHostLog.Lost(logger, matchId);
                await host.StopAsync(matchId);
            }
            else
            {
                await host.ReconcileAsync(kind, matchId, seats, readAt, cancellationToken);
            }
        }

        foreach (var orphan in upkeep.Orphans)
        {
            await host.AdoptAsync(kind, orphan, cancellationToken);
        }

        return upkeep.NextLeaseEnd;
    }
}
