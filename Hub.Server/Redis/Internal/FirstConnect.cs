namespace RealtimeHub.Server.Redis.Internal;

/// <summary>Starts a supervisor and waits for its first attempt: connected, or the attempt's error.</summary>
internal static class FirstConnect
{
    public static async Task RunAsync(RedisConnectionSupervisor supervisor, IAsyncDisposable owner, CancellationToken cancellationToken)
    {
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFailed(Exception ex) => failed.TrySetResult(ex);
        supervisor.AttemptFailed += OnFailed;
        try
        {
            supervisor.Start();
            var connected = supervisor.WaitUntilConnectedAsync(cancellationToken);
            if (await Task.WhenAny(connected, failed.Task).ConfigureAwait(false) == connected)
            {
                await connected.ConfigureAwait(false);
                return;
            }

            var error = await failed.Task.ConfigureAwait(false);
            throw error as RedisConnectionException ?? new RedisConnectionException(error.Message, error);
        }
        catch
        {
            await owner.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            supervisor.AttemptFailed -= OnFailed;
        }
    }
}
