namespace RealtimeHub.Server.Documents.Yjs;

/// <summary>The clocks <c>[Start, End)</c> of one Yjs client.</summary>
public readonly record struct IdRange(ulong Start, ulong End)
{
    /// <summary>How many clocks the range holds.</summary>
    public ulong Length => End - Start;

    /// <summary>Whether <paramref name="other"/> lies within this range.</summary>
    public bool Covers(IdRange other) => Start <= other.Start && other.End <= End;

    public override string ToString() => $"[{Start}, {End})";
}
