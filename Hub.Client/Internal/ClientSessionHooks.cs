namespace RealtimeHub.Client.Internal;

/// <summary>
/// What a client does at each step of its <see cref="ClientSession"/>'s life; every hook is optional. Hooks run on the
/// session's threads and must not block.
/// </summary>
internal sealed class ClientSessionHooks
{
    /// <summary><c>StartAsync</c> began (before the connection is opened).</summary>
    public Action? Starting { get; init; }

    /// <summary>The connection was lost and a reconnect is under way; called once per outage.</summary>
    public Action? Reconnecting { get; init; }

    /// <summary><c>StopAsync</c> began (before the connection is closed).</summary>
    public Action? Stopping { get; init; }

    /// <summary>
    /// After every connect and reconnect, before the client is Connected: rejoin what it was in. False when the
    /// connection went away again meanwhile (the next reconnect starts over). Runs one at a time.
    /// </summary>
    public Func<Task<bool>>? RecoverAsync { get; init; }

    /// <summary>The client entered Connected (after <see cref="RecoverAsync"/>).</summary>
    public Action? Connected { get; init; }

    /// <summary>The client is Disconnected: stopped, or reconnecting gave up. The exception says which, for callers to fail with.</summary>
    public Action<InvalidOperationException>? Disconnected { get; init; }
}
