using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Raises the client's events one at a time, in the order they were posted, on a single background loop.
/// Posting never blocks, so it is safe under a lock; a slow or throwing handler never stalls the connection.
/// </summary>
internal sealed class EventDispatcher : IAsyncDisposable
{
    private readonly Channel<Action> _queue = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger _logger;
    private readonly Task _loop;

    public EventDispatcher(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    public void Post(Action raise) => _queue.Writer.TryWrite(raise);

    /// <summary>Completes once everything posted so far has been raised.</summary>
    public Task DrainAsync()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(() => drained.SetResult()) ? drained.Task : Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var raise in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                raise();
            }
            catch (Exception ex)
            {
                ChatClientLog.EventHandlerFailed(_logger, ex);
            }
        }
    }
}
