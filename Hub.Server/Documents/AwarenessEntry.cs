namespace RealtimeHub.Server.Documents;

/// <summary>
/// One client's entry in a y-protocols awareness update: its client id (the Y.Doc's clientID), the clock of its state,
/// and the state as the JSON text the client sent (<c>null</c> when the client is gone).
/// </summary>
public sealed record AwarenessEntry(ulong ClientId, ulong Clock, byte[] State)
{
    private static readonly byte[] NullState = "null"u8.ToArray();

    /// <summary>Whether the entry says the client is gone (its state is JSON <c>null</c>).</summary>
    public bool IsRemoval { get; init; } = State.AsSpan().SequenceEqual(NullState);

    /// <summary>The entry that removes this client for everyone: a null state at the next clock, which every peer applies.</summary>
    public AwarenessEntry Removal() => new(ClientId, Clock + 1, NullState) { IsRemoval = true };
}
