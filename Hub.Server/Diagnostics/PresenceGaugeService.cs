using Microsoft.Extensions.Options;
using RealtimeHub.Server.Presence;
using RealtimeHub.Server.Scaleout;

namespace RealtimeHub.Server.Diagnostics;

/// <summary>Keeps the cluster-wide gauges of <see cref="HubMetrics"/> current for exporters that never call <c>/stats</c>.</summary>
internal sealed class PresenceGaugeService(
    IPresenceTracker presence, IBackplane backplane, HubMetrics metrics, IOptions<DiagnosticsOptions> options, ILogger<PresenceGaugeService> logger)
    : BackgroundService
{
    /// <summary>Counts once; true when the gauges were updated. While the backplane is down the last counts stay.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (!backplane.IsConnected)
        {
            return false;
        }

        try
        {
            var counts = await presence.GetCountsAsync(cancellationToken);
            metrics.RecordPresence(counts.UsersOnline, counts.Rooms);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DiagnosticsLog.PresenceCountFailed(logger, ex);
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceCountInterval);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
