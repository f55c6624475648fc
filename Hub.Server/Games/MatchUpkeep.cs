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

    /// <summary>One round of upkeep; internal so tests can run one without waiting for the timer.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await host.SaveAllAsync(cancellationToken);
        foreach (var kind in kinds.Names)
        {
            await MaintainAsync(kind, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SaveInterval, time);
        try
        {
            do
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    MatchHostLog.UpkeepFailed(logger, "upkeep", exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task MaintainAsync(string kind, CancellationToken cancellationToken)
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
    }
}
