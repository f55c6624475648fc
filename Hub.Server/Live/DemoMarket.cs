using System.Globalization;

namespace RealtimeHub.Server.Live;

/// <summary>
/// The demo's simulated market: 60 instruments, the first 8 quoting every 50 ms (20 a second), the rest about once a
/// second. Each quote is a function of the instrument and the 50 ms slot it falls in, so two nodes running the demo on
/// one Redis publish the same prices instead of two diverging walks.
/// </summary>
public sealed class DemoMarket
{
    /// <summary>How often the market quotes: every instrument that ticks in a slot ticks once.</summary>
    public static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(50);

    public const int FastInstruments = 8;

    private static readonly string[] Symbols =
    [
        "AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "TSLA", "EURUSD",
        "AVGO", "BRK.B", "JPM", "LLY", "V", "UNH", "XOM", "MA", "JNJ", "PG", "HD", "COST",
        "MRK", "ABBV", "CVX", "KO", "PEP", "ADBE", "CRM", "WMT", "BAC", "NFLX",
        "AMD", "TMO", "MCD", "CSCO", "ACN", "LIN", "ABT", "ORCL", "DHR", "INTC",
        "DIS", "VZ", "CMCSA", "NKE", "TXN", "PM", "WFC", "NEE", "UPS", "RTX",
        "GBPUSD", "USDJPY", "BTCUSD", "ETHUSD", "XAUUSD", "BRENT", "SPX", "NDX", "DAX", "N225",
    ];

    public static IReadOnlyList<string> Instruments => Symbols;

    /// <summary>
    /// The quotes of the slot <paramref name="now"/> falls in: every fast instrument, and the slow ones whose turn it is
    /// (or every instrument, for the market's first quotes).
    /// </summary>
    public static IReadOnlyList<FeedInput> Quote(DateTimeOffset now, bool all = false)
    {
        var slot = now.ToUnixTimeMilliseconds() / (long)Slot.TotalMilliseconds;
        var quotes = new List<FeedInput>(all ? Symbols.Length : FastInstruments + 4);
        for (var i = 0; i < Symbols.Length; i++)
        {
            if (all || i < FastInstruments || Noise(i, slot, 1) % 20 == 0)
            {
                quotes.Add(new FeedInput(Symbols[i], QuoteJson(i, slot)));
            }
        }

        return quotes;
    }

    private static string QuoteJson(int instrument, long slot)
    {
        var open = 20 + (Noise(instrument, 0, 2) % 980);
        var phase = Noise(instrument, 0, 3) % 1000 / 1000.0 * 2 * Math.PI;
        var wave = (0.03 * Math.Sin((2 * Math.PI * slot / (6_000 + (instrument * 37))) + phase))
            + (0.01 * Math.Sin((2 * Math.PI * slot / (400 + (instrument * 11))) + (2 * phase)))
            + (0.002 * ((Noise(instrument, slot, 4) % 2001 / 1000.0) - 1));
        var price = Math.Round(open * (1 + wave), 2);
        var volume = 10_000 + (Noise(instrument, 0, 5) % 90_000) + ((slot % 1_728_000) * (1 + (instrument % 7))); // a day of slots
        return string.Create(CultureInfo.InvariantCulture, $"{{\"price\":{price:0.00},\"change\":{price - open:0.00},\"volume\":{volume}}}");
    }

    /// <summary>A well-mixed non-negative number from its inputs (SplitMix64's finalizer).</summary>
    private static long Noise(long instrument, long slot, long salt)
    {
        var x = unchecked(((ulong)instrument * 0x9E3779B97F4A7C15UL) ^ ((ulong)slot * 0xBF58476D1CE4E5B9UL) ^ ((ulong)salt * 0x94D049BB133111EBUL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return (long)((x ^ (x >> 31)) >> 1);
    }
}
