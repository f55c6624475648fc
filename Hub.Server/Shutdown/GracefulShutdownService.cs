using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Shutdown;

/// <summary>Runs the drain when the host begins to stop (SIGTERM, Ctrl-C, <c>StopAsync</c>).</summary>
/// <remarks>
/// <see cref="IHostApplicationLifetime.ApplicationStopping"/> callbacks run last-registered first; this one is
/// registered at start, after ASP.NET Core's own (which aborts every SignalR connection), so it runs before it.
/// The callbacks are synchronous, so the drain blocks here, bounded by <see cref="ShutdownOptions.DrainTimeout"/>.
/// </remarks>
internal sealed class GracefulShutdownService(
    IHostApplicationLifetime lifetime, ConnectionDrainer drainer, IOptions<ShutdownOptions> options) : IHostedService, IDisposable
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(Drain);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration.Dispose();

    private void Drain() => drainer.DrainAsync(options.Value.DrainTimeout).GetAwaiter().GetResult();
}
