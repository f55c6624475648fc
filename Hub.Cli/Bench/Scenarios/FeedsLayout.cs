using System.Globalization;
using System.Text;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// The shape of the <c>feeds</c> load, the same in both generators (bench/socketio/scenarios/feeds.js): instrument names,
/// which 20 instruments each watcher watches, the round-robin order of updates and each update's value. Every
/// instrument is watched by the same number of watchers, and a value carries the generator's clock time (<c>t</c>,
/// milliseconds) of the batch's scheduled send, so latency runs from the scheduled publish to receipt.
/// </summary>
internal sealed class FeedsLayout(int instruments)
{
    public const string Feed = "quotes";
    public const int KeysPerWatcher = 20;
    public const double MaxPerSecond = 2;

    /// <summary>The publisher sends one batch every 10 ms, as a service batching its ticks would.</summary>
    public const int BatchesPerSecond = 100;

    public int Instruments { get; } = instruments >= KeysPerWatcher
        ? instruments : throw new ArgumentOutOfRangeException(nameof(instruments), $"feeds needs at least {KeysPerWatcher} instruments");

    public static string Instrument(int index) => $"SYM{index.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Watcher <paramref name="watcher"/>'s instruments: an offset, then every (instruments / 20)-th one. The offset
    /// steps by 37 (prime to the stride), so over consecutive watchers every instrument is watched equally often.
    /// </summary>
    public int[] WatcherInstruments(int watcher)
    {
        var stride = Instruments / KeysPerWatcher;
        var offset = (int)((watcher * 37L) % Instruments);
        return [.. Enumerable.Range(0, KeysPerWatcher).Select(k => (offset + (k * stride)) % Instruments)];
    }

    /// <summary>How many of <paramref name="watchers"/> watch each instrument (index = instrument).</summary>
    public int[] WatchersPerInstrument(int watchers)
    {
        var counts = new int[Instruments];
        for (var w = 0; w < watchers; w++)
        {
            foreach (var instrument in WatcherInstruments(w))
            {
                counts[instrument]++;
            }
        }

        return counts;
    }

    /// <summary>Updates in batch <paramref name="batch"/> at <paramref name="updatesPerSecond"/>: spread so every second sends the rate exactly.</summary>
    public static int BatchSize(long batch, double updatesPerSecond) =>
        (int)(Math.Floor((batch + 1) * updatesPerSecond / BatchesPerSecond) - Math.Floor(batch * updatesPerSecond / BatchesPerSecond));

    /// <summary>
    /// Update number <paramref name="n"/> (counted over the whole run) goes to instrument n mod instruments, so each
    /// instrument gets the rate / instruments per second. The value is a quote: price, change, volume, and <c>t</c>.
    /// </summary>
    public void AppendUpdate(StringBuilder json, long n, double tMs)
    {
        var instrument = (int)(n % Instruments);
        var tick = (int)(n / Instruments % 200) - 100;
        var price = 50 + (instrument % 100) + (tick / 100.0);
        json.Append("{\"key\":\"").Append(Instrument(instrument)).Append("\",\"value\":{\"price\":")
            .Append(price.ToString("0.00", CultureInfo.InvariantCulture)).Append(",\"change\":")
            .Append((tick / 100.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(",\"volume\":")
            .Append((1000 + (n / Instruments)).ToString(CultureInfo.InvariantCulture)).Append(",\"t\":")
            .Append(tMs.ToString("0.000", CultureInfo.InvariantCulture)).Append("}}");
    }

    /// <summary>The arguments of <c>Watch</c> for a watcher, as a JSON array: feed, keys, maxPerSecond.</summary>
    public string WatchArguments(int watcher) =>
        $"[\"{Feed}\",[{string.Join(',', WatcherInstruments(watcher).Select(i => $"\"{Instrument(i)}\""))}],{MaxPerSecond.ToString(CultureInfo.InvariantCulture)}]";
}
