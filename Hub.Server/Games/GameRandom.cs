namespace RealtimeHub.Server.Games;

/// <summary>
/// A seeded random generator (SplitMix64) whose whole state is one number, so a match saves it with its state and a
/// resumed match draws exactly what it would have drawn without stopping. Not for secrets.
/// </summary>
public sealed class GameRandom(ulong state)
{
    /// <summary>The generator's state: save it, and pass it to the constructor to go on from here.</summary>
    public ulong State { get; private set; } = state;

    public ulong NextUInt64()
    {
        State += 0x9E3779B97F4A7C15UL;
        var z = State;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [<paramref name="minValue"/>, <paramref name="maxValue"/>).</summary>
    public int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(minValue, maxValue);
        return minValue + (int)(NextUInt64() % (ulong)((long)maxValue - minValue));
    }
}
