using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RealtimeHub.Cli.Games;

/// <summary>
/// Runs <c>bots</c>: starts every bot (a few at a time), lets them play for <see cref="BotSettings.Warmup"/>, then measures for <see cref="BotSettings.Duration"/> (or until
/// cancelled) with a line a second, and ends with a summary of the measured window.
/// </summary>
internal sealed class BotsRun(BotSettings settings, TextWriter output)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly BotStats _stats = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Bot> _bots = [];

    /// <returns>0 when bots were seated at the end, 1 when none was.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var runId = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < settings.Count; i++)
        {
            _bots.Add(new Bot(settings.Urls[i % settings.Urls.Count], $"bot-{runId}-{i}", settings, http, _stats, seed: i));
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var playing = new List<Task>();
        try
        {
            using var reporting = new CancellationTokenSource();
            var progress = ReportEverySecondAsync(measuring: false, reporting.Token);
            await RampAsync(playing, stopping.Token);
            await WarmUpAsync(cancellationToken);
            await reporting.CancelAsync();
            await progress;
            var summary = await MeasureAsync(cancellationToken);
            if (settings.Json)
            {
                Write(summary);
            }
            else
            {
                output.WriteLine("summary " + ConsoleLine(summary));
            }

            return summary.Seated > 0 ? 0 : 1;
        }
        finally
        {
            await stopping.CancelAsync();
            await Task.WhenAll(playing);
            await Task.WhenAll(_bots.Select(b => b.DisposeAsync().AsTask()));
        }
    }

    private async Task RampAsync(List<Task> playing, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(BotSettings.ConnectConcurrency);
        var starts = _bots.Select(async bot =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                await bot.StartAsync(cancellationToken);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        playing.AddRange(_bots.Select(bot => bot.RunAsync(cancellationToken)));
    }

    /// <summary>The bots play on, not measured yet; cancelled, the summary follows at once (an empty window).</summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(settings.Warmup, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<BotsReport> MeasureAsync(CancellationToken cancellationToken)
    {
        _stats.RestartLatency();
        var start = (Totals(), _clock.Elapsed);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is { } duration)
        {
            window.CancelAfter(duration);
        }

        await ReportEverySecondAsync(measuring: true, window.Token);
        return Report("summary", measuring: true, start);
    }

    private async Task ReportEverySecondAsync(bool measuring, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var last = (Totals(), _clock.Elapsed);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var line = Report("progress", measuring, last);
                last = (Totals(), _clock.Elapsed);
                if (!settings.Json)
                {
                    output.WriteLine(ConsoleLine(line));
                }
                else if (settings.Progress)
                {
                    Write(line);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Counts and rates since <paramref name="since"/>; latencies since the measured window began.</summary>
    private BotsReport Report(string type, bool measuring, (BotTotals Totals, TimeSpan At) since)
    {
        var now = Totals();
        var window = now.Since(since.Totals);
        var seconds = Math.Max((_clock.Elapsed - since.At).TotalSeconds, 1e-3);
        var seated = _bots.Select(b => b.Match?.MatchId).OfType<string>().ToList();
        var players = seated.Count;
        var bytesCounted = _bots.All(b => b.BytesRead is not null);
        return new BotsReport(
            type, measuring, Round(_clock.Elapsed.TotalSeconds), Round(seconds), settings.Kind, settings.Protocol.ToString().ToLowerInvariant(),
            settings.Count, settings.Urls.Count, _bots.Count(b => b.IsConnected), players, seated.Distinct(StringComparer.Ordinal).Count(),
            settings.InputRate, window.Inputs, _stats.Latency.Summary(), window.States, PerPlayer(window.States, players, seconds),
            bytesCounted ? window.Bytes : null, bytesCounted ? PerPlayer(window.Bytes, players, seconds) : null, window.Errors, _stats.LastError);
    }

    private BotTotals Totals() => _stats.Totals(_bots.Sum(b => b.BytesRead ?? 0));

    private static double? PerPlayer(long count, int players, double seconds) => players == 0 ? null : Round(count / (double)players / seconds);

    private static double Round(double value) => Math.Round(value, 3);

    private void Write(BotsReport report) => output.WriteLine(JsonSerializer.Serialize(report, JsonOptions));

    private static string ConsoleLine(BotsReport r) => string.Create(
        CultureInfo.InvariantCulture,
        $"{r.ElapsedSeconds,6:F0}s {(r.Measuring ? "measuring" : "ramp     ")}  bots {r.Connected}/{r.Bots} connected, {r.Seated} seated in {r.Matches} matches"
        + $"  input→delta p50 {Ms(r.InputToDelta.P50Ms)} p99 {Ms(r.InputToDelta.P99Ms)}"
        + $"  per player {r.StatesPerPlayerPerSecond ?? 0:F1} states/s {(r.BytesPerPlayerPerSecond ?? 0) / 1024:F2} KiB/s  errors {r.Errors}");

    private static string Ms(double? ms) => ms is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:F1} ms") : "–";
}
