using Microsoft.Extensions.Options;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// Refuses timings under which live nodes would reap each other (a timeout shorter than two heartbeats) or a dead
/// node would outlive the contract's 60 s.
/// </summary>
public sealed class RedisPresenceOptionsValidator : IValidateOptions<RedisPresenceOptions>
{
    private static readonly TimeSpan ContractLimit = TimeSpan.FromSeconds(60);

    public ValidateOptionsResult Validate(string? name, RedisPresenceOptions options)
    {
        var failures = new List<string>();
        if (options.HeartbeatInterval <= TimeSpan.Zero || options.ReapInterval <= TimeSpan.Zero)
        {
            failures.Add("Redis:Presence:HeartbeatInterval and ReapInterval must be positive.");
        }

        if (options.NodeTimeout < 2 * options.HeartbeatInterval)
        {
            failures.Add("Redis:Presence:NodeTimeout must be at least twice HeartbeatInterval, or live nodes get reaped.");
        }

        if (options.NodeTimeout + options.ReapInterval > ContractLimit)
        {
            failures.Add("Redis:Presence:NodeTimeout + ReapInterval must not exceed 60 s: a dead node's users must be gone within a minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
