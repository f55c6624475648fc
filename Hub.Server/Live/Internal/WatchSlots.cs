using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// The watches one connection holds, counted so it holds at most <see cref="LiveOptions.MaxWatchesPerConnection"/>.
/// Kept in the connection's own items, so it goes with the connection.
/// </summary>
internal sealed class WatchSlots
{
    private static readonly object ItemKey = new();
    private int _held;

    public int Held => Volatile.Read(ref _held);

    /// <summary>The connection's slots (hub calls of one connection run one at a time, so no two calls create them at once).</summary>
    public static WatchSlots Of(HubCallerContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is WatchSlots slots)
        {
            return slots;
        }

        slots = new WatchSlots();
        context.Items[ItemKey] = slots;
        return slots;
    }

    /// <summary>A slot, or null when the connection already holds <paramref name="max"/>: a refused watch holds none.</summary>
    public WatchSlot? TryTake(int max)
    {
        while (true)
        {
            var held = Volatile.Read(ref _held);
            if (held >= max)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _held, held + 1, held) == held)
            {
                return new WatchSlot(this);
            }
        }
    }

    internal void Return() => Interlocked.Decrement(ref _held);
}
