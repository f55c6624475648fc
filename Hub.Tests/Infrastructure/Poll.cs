namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// Waits for a condition that raises no event (an HTTP status, a Redis subscriber count) by re-checking it until it
/// holds; the timeout only bounds a failing test. Prefer <see cref="EventLog{T}"/> wherever there is an event.
/// </summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestTimeouts.Event);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            // Yield, not sleep: the check itself (a loopback request) paces the loop.
            await Task.Yield();
        }
    }
}
