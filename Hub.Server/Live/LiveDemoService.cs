using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Live;

/// <summary>
/// With <see cref="LiveOptions.Demo"/> on, publishes the simulated market (<see cref="DemoMarket"/>) to feed
/// <c>quotes</c> through <see cref="FeedPublisher"/>, the path the API uses.
/// </summary>
internal sealed class LiveDemoService(FeedPublisher publisher, IOptions<LiveOptions> options, TimeProvider time, ILogger<LiveDemoService> logger) : BackgroundService
{
    public const string Feed = "quotes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Demo != true)
        {
            return;
        }

        LiveLog.DemoStarted(logger, Feed, DemoMarket.Instruments.Count);
        using var timer = new PeriodicTimer(DemoMarket.Slot, time);
        var failing = false;
        var opened = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await publisher.PublishAsync(Feed, DemoMarket.Quote(time.GetUtcNow(), all: !opened), stoppingToken);
                opened = true; // every instrument has a quote from the first tick on; then each ticks at its own pace
                if (failing)
                {
                    failing = false;
                    LiveLog.DemoRecovered(logger);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!failing)
                {
                    failing = true; // once per outage, not 20 times a second
                    LiveLog.DemoFailing(logger, ex);
                }
            }
        }
    }
}
