using System.Globalization;

namespace RealtimeHub.Cli.Bench.Measuring;

/// <summary>Server figures read from /proc, the same way for both stacks whatever they report about themselves.</summary>
internal static class ProcStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Resident set size in bytes (VmRSS), or null when the process is gone.</summary>
    public static long? RssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>User + system CPU seconds, or null when the process is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static long? TotalRssBytes(IReadOnlyList<int> pids) => Sum(pids, RssBytes);

    public static double? TotalCpuSeconds(IReadOnlyList<int> pids) => Sum(pids, CpuSeconds);

    private static T? Sum<T>(IReadOnlyList<int> pids, Func<int, T?> read)
        where T : struct, System.Numerics.INumber<T>
    {
        var total = T.Zero;
        foreach (var pid in pids)
        {
            if (read(pid) is not { } value)
            {
                return null;
            }

            total += value;
        }

        return total;
    }
}
