using RealtimeHub.Client;

namespace RealtimeHub.Cli.Games;

/// <summary>What <c>bots</c> was asked for.</summary>
/// <param name="Urls">Base URLs of the nodes; bot i connects to the (i mod count)-th.</param>
/// <param name="InputRate">Inputs per second per bot.</param>
/// <param name="Warmup">How long the bots play after every bot has connected and looked for a match, before the measured window (a fresh server is still compiling its hot code then).</param>
/// <param name="Duration">How long to measure after the ramp and <paramref name="Warmup"/>; null: until Ctrl-C.</param>
/// <param name="Progress">With <paramref name="Json"/>: also a JSON line per second.</param>
internal sealed record BotSettings(
    IReadOnlyList<Uri> Urls, int Count, string Kind, ChatProtocol Protocol, double InputRate, TimeSpan Warmup, TimeSpan? Duration, bool Json, bool Progress)
{
    /// <summary>Bots starting (token, connect, FindMatch) at once during the ramp.</summary>
    public const int ConnectConcurrency = 32;

    /// <summary>A bot not seated (or disconnected) tries again after this long.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);
}
