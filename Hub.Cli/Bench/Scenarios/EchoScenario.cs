using System.Text;
using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// (2) Echo latency at stepped rates: <c>Echo(payload)</c> round-robin over C connections to one node, latency from
/// each request's scheduled send time to its completion. Goal: the highest rate with p99 &lt; 10 ms.
/// </summary>
internal static class EchoScenario
{
    public const double GoalP99Ms = 10;

    public static async Task RunAsync(BenchContext ctx)
    {
        var count = ctx.Settings.Connections ?? 100;
        var stepMs = (ctx.Settings.StepSeconds ?? (ctx.Quick ? 2 : 10)) * 1000;
        var rates = ctx.Settings.Rates ?? (ctx.Quick ? Load.Ladder(2000, 2, 256000) : Load.Ladder(1000, 1.5, 256000));
        var server = ctx.Settings.Servers[0];
        var clients = await Load.InParallelAsync(count, 50, i => HubSocket.ConnectAsync(server, ctx.Tokens.Mint($"echo{i}")));
        using var keepAlive = new KeepAlive(clients);
        ctx.Log($"{count} connections open");
        var expected = Encoding.UTF8.GetBytes($"\"{Load.Payload}\"");

        async Task<BenchRecord> RunStep(double rate, int step, bool report, double durationMs)
        {
            var latency = new Histogram();
            var cpu = new CpuMeter(ctx.Settings.Pids);
            long acked = 0;
            long errors = 0;
            var loop = await OpenLoop.RunAsync(rate, TimeSpan.FromMilliseconds(durationMs), (i, at) =>
                clients[i % count].Invoke("Echo", (record, isError) =>
                {
                    if (!isError && HubFrames.Result(record).SequenceEqual(expected))
                    {
                        latency.RecordMs(Clock.ElapsedMs(at));
                        Interlocked.Increment(ref acked);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }, Load.Payload));
            await Load.DrainAsync(() => Interlocked.Read(ref acked) + Interlocked.Read(ref errors) >= loop.Sent,
                () => Interlocked.Read(ref acked) + Interlocked.Read(ref errors), Load.StepDrain(ctx.Quick));
            var usage = cpu.Read();
            var summary = latency.Summary();
            var lost = loop.Sent - acked - errors;
            var ok = lost == 0 && errors == 0 && summary.P99Ms < GoalP99Ms;
            var record = new BenchRecord()
                .Set("step", step).Set("rate", rate).Set("nodes", 1).Set("connections", count).Set("durationMs", durationMs)
                .Set("sent", loop.Sent).Set("acked", acked).Set("errors", errors).Set("lost", lost)
                .Set("throughputPerSec", Math.Round(acked / durationMs * 1000))
                .Latency(summary).Set("sendLagP99Ms", loop.Lag.PercentileMs(99)).Cpu(usage)
                .Set("rssBytes", ProcStats.TotalRssBytes(ctx.Settings.Pids)).Set("goalP99Ms", GoalP99Ms).Set("ok", ok);
            if (report)
            {
                ctx.Log($"rate {rate}/s: p50 {summary.P50Ms} p99 {summary.P99Ms} p99.9 {summary.P999Ms} ms, lost {lost}, cpu server {usage.ServerCpu} gen {usage.LoadgenCpu}");
                ctx.Emit(record);
            }

            await Task.Delay(ctx.Quick ? 150 : 500); // let the server collect garbage between steps
            return record;
        }

        await RunStep(rates[0], -1, report: false, Load.WarmUpMs(stepMs)); // warm-up, not reported
        await Load.RunStepsAsync(rates, (rate, step) => RunStep(rate, step, report: true, stepMs), r => r.Get<bool>("ok"), ctx.Quick);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
