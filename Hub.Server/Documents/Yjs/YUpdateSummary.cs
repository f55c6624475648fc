namespace RealtimeHub.Server.Documents.Yjs;

/// <summary>
/// What one Yjs update holds, as far as the hub needs to know: per client the clocks of its structs (Items, and GC
/// structs that deleted content left; a Skip holds nothing), and its delete set. Made by <see cref="YUpdateReader"/>.
/// </summary>
public sealed class YUpdateSummary
{
    internal YUpdateSummary(IdRangeSet structs, IdRangeSet deletes)
    {
        Structs = structs;
        Deletes = deletes;
        StateVector = structs.Clients
            .Select(client => (Client: client, Clock: structs.ContiguousEnd(client)))
            .Where(entry => entry.Clock > 0)
            .ToDictionary(entry => entry.Client, entry => entry.Clock);
    }

    /// <summary>The clocks of the update's Items and GC structs.</summary>
    public IdRangeSet Structs { get; }

    /// <summary>The clocks the update deletes, merged per client.</summary>
    public IdRangeSet Deletes { get; }

    /// <summary>
    /// Per client, the clock after its structs that run without a gap from clock 0, as
    /// <c>Y.encodeStateVectorFromUpdate</c> reports it; clients whose structs start later are left out.
    /// </summary>
    public IReadOnlyDictionary<ulong, ulong> StateVector { get; }

    /// <summary>Whether the update holds nothing (<c>Y.encodeStateAsUpdate</c> of an empty document: bytes 0, 0).</summary>
    public bool IsEmpty => Structs.IsEmpty && Deletes.IsEmpty;

    /// <summary>
    /// Whether this update (typically a snapshot made by <c>Y.encodeStateAsUpdate</c>) holds all that
    /// <paramref name="update"/> does: every clock of its structs is a struct here, and every clock it deletes is
    /// deleted here. Deleted content counts, whichever way the snapshot kept it: an Item with <c>ContentDeleted</c>
    /// (or its content, without gc) and a GC struct are both structs, and a snapshot's delete set lists both.
    /// </summary>
    public bool Contains(YUpdateSummary update) => Structs.Covers(update.Structs) && Deletes.Covers(update.Deletes);
}
