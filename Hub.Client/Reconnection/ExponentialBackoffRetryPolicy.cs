using Microsoft.AspNetCore.SignalR.Client;

namespace RealtimeHub.Client.Reconnection;

/// <summary>
/// Exponential backoff with jitter and a cap for <c>WithAutomaticReconnect</c>.
/// </summary>
/// <remarks>
/// The policy keeps no state: HubConnection passes <see cref="RetryContext.PreviousRetryCount"/> and
/// <see cref="RetryContext.ElapsedTime"/>, both starting from zero at every new loss of connection. So after a
/// successful reconnect the next outage starts again at <see cref="ExponentialBackoffOptions.BaseDelay"/>, and one
/// instance can be shared by many connections.
/// </remarks>
public sealed class ExponentialBackoffRetryPolicy : IRetryPolicy
{
    private readonly ExponentialBackoffOptions _options;
    private readonly Func<double> _nextRandom;

    /// <param name="options">Delays, jitter and give-up rules; defaults when null.</param>
    /// <param name="nextRandom">Uniform source in [0, 1); tests pass a fixed one. Default: <see cref="Random.Shared"/>.</param>
    public ExponentialBackoffRetryPolicy(ExponentialBackoffOptions? options = null, Func<double>? nextRandom = null)
    {
        _options = options ?? new ExponentialBackoffOptions();
        Validate(_options);
        _nextRandom = nextRandom ?? Random.Shared.NextDouble;
    }

    /// <summary>The delay before the next attempt, or <c>null</c> to stop reconnecting.</summary>
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        ArgumentNullException.ThrowIfNull(retryContext);

        if (_options.MaxAttempts is { } maxAttempts && retryContext.PreviousRetryCount >= maxAttempts)
        {
            return null;
        }

        var delay = Jittered(Backoff(retryContext.PreviousRetryCount));
        if (_options.MaxElapsed is { } maxElapsed)
        {
            var remaining = maxElapsed - retryContext.ElapsedTime;
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            delay = Min(delay, remaining);
        }

        return delay;
    }

    private double Backoff(long previousRetries)
    {
        // In milliseconds as a double, capped before it becomes a TimeSpan, so large attempt counts cannot overflow.
        var delay = _options.BaseDelay.TotalMilliseconds * Math.Pow(_options.Multiplier, previousRetries);
        return Math.Min(delay, _options.MaxDelay.TotalMilliseconds);
    }

    private TimeSpan Jittered(double delayMs)
    {
        var jittered = _options.Jitter switch
        {
            JitterMode.Full => delayMs * _nextRandom(),
            JitterMode.Proportional => delayMs * (1 + (_options.JitterFraction * ((2 * _nextRandom()) - 1))),
            _ => delayMs,
        };
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, 0, _options.MaxDelay.TotalMilliseconds));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void Validate(ExponentialBackoffOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BaseDelay, TimeSpan.Zero, nameof(options.BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDelay, options.BaseDelay, nameof(options.MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Multiplier, 1, nameof(options.Multiplier));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.JitterFraction, 0, nameof(options.JitterFraction));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.JitterFraction, 1, nameof(options.JitterFraction));
        if (options.MaxAttempts is { } attempts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(attempts, nameof(options.MaxAttempts));
        }
    }
}
