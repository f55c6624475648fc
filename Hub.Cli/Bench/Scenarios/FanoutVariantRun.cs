using System.Buffers.Text;
using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>One variant: its members, and the step whose deliveries are being counted.</summary>
internal sealed class FanoutVariantRun(BenchContext ctx, string variant, Uri[] servers, RedisShards? redis)
{
    private static readonly byte[] ClientMessageIdKey = "\"clientMessageId\":\""u8.ToArray();
    private readonly int _roomSize = FanoutScenario.Variants[variant].RoomSize;
    private readonly int _rooms = FanoutScenario.Variants[variant].Rooms;
    // Unique per run: the hub stores each (sender, room, clientMessageId) once, so ids reused against a Redis that was
    // not flushed would be acknowledged but never broadcast again.
    private readonly string _run = Random.Shared.Next(0x1000, 0x10000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
    private volatile FanoutStep? _current;

    public async Task RunAsync()
    {
        var count = _roomSize * _rooms;
        var stepMs = (ctx.Settings.StepSeconds ?? (ctx.Quick ? 2 : 10)) * 1000;
        // Rates are deliveries/s; each step sends deliveries / roomSize messages per second.
        var targets = ctx.Settings.Rates ?? (ctx.Quick ? Load.Ladder(10000, 2, 1280000) : Load.Ladder(5000, 1.5, 2000000));
        var joined = 0;
        HubSocket[] clients;
        using (ctx.Progress.Status(() => $"{variant}: {Volatile.Read(ref joined)}/{count} joined"))
        {
            clients = await Load.InParallelAsync(count, 100, async i =>
            {
                var member = i % _roomSize;
                var client = await HubSocket.ConnectAsync(servers[i % servers.Length], ctx.Tokens.Mint($"fan{i}"), record => OnDelivery(member, record));
                await client.InvokeAsync("JoinRoom", RoomName(i / _roomSize));
                Interlocked.Increment(ref joined);
                return client;
            });
        }

        using var keepAlive = new KeepAlive(clients);
        ctx.Log($"{variant}: {count} members on {servers.Length} node(s) joined");

        await RunStepAsync(clients, targets[0], -1, report: false, Load.WarmUpMs(stepMs)); // warm-up, not reported
        await Load.RunStepsAsync(targets, (rate, step) => RunStepAsync(clients, rate, step, report: true, stepMs), r => r.Get<bool>("ok"), ctx.Quick);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        await Task.Delay(300);
    }

    private string RoomName(int room) => $"{variant}-{room}";

    private async Task<BenchRecord> RunStepAsync(HubSocket[] clients, double deliveriesPerSec, int step, bool report, double durationMs)
    {
        var rate = Math.Max(1, Math.Round(deliveriesPerSec / _roomSize, MidpointRounding.AwayFromZero));
        var total = Math.Max(1, (int)Math.Round(rate * durationMs / 1000, MidpointRounding.AwayFromZero));
        var state = new FanoutStep($"{_run}{variant}{step}", total);
        var redisBefore = redis is null ? null : await redis.SampleAsync();
        var cpu = new CpuMeter(ctx.Settings.Pids);
        _current = state;
        state.WindowOpen = true;
        OpenLoopResult loop;
        using (ctx.Progress.Status(() => $"{variant} {rate * _roomSize}/s offered: {state.Acked}/{total} acked, {state.Delivered} delivered"))
        {
            loop = await OpenLoop.RunAsync(rate, TimeSpan.FromMilliseconds(durationMs), (n, at) => Send(clients, state, n, at));
            state.WindowOpen = false;
            await Load.DrainAsync(
                () => state.Acked + state.Errors >= loop.Sent && state.Delivered >= state.Acked * _roomSize,
                () => state.Delivered + state.Acked, Load.StepDrain(ctx.Quick));
        }

        var usage = cpu.Read();
        var redisUse = redis is null ? null : (await redis.SampleAsync()).Zip(redisBefore!, (after, before) => after - before).ToArray();
        var record = Record(state, loop, step, rate, durationMs, usage, redisUse);
        if (report)
        {
            ctx.Log($"{variant} {rate * _roomSize}/s offered: {record.Number("deliveriesPerSec")}/s delivered, p99 {record.Number("p99Ms")} ms, " +
                $"lost {record.Number("lost")}, dup {state.Duplicates}, cpu server {usage.ServerCpu} gen {usage.LoadgenCpu}");
            ctx.Emit(record);
        }

        _current = null;
        await Task.Delay(ctx.Quick ? 150 : 500); // let the server collect garbage between steps
        return record;
    }

    private void Send(HubSocket[] clients, FanoutStep state, int n, long at)
    {
        var room = n % _rooms;
        var sender = clients[(room * _roomSize) + (n / _rooms % _roomSize)];
        state.Messages[n] = new SentMessage(at, new byte[_roomSize]);
        sender.Invoke("SendMessage", (_, isError) => state.Ack(isError), RoomName(room), Load.Payload, $"{state.Tag}.{n}");
    }

    // Runs on the member's receive loop, one record at a time per member, so its byte in Seen needs no lock.
    private void OnDelivery(int member, ReadOnlySpan<byte> record)
    {
        if (_current is not { } state || record.IndexOf("\"target\":\"MessageReceived\""u8) < 0)
        {
            return;
        }

        var id = HubFrames.LastStringValue(record, ClientMessageIdKey);
        var dot = id.LastIndexOf((byte)'.');
        if (dot < 0 || !id[..dot].SequenceEqual(state.TagBytes) || !Utf8Parser.TryParse(id[(dot + 1)..], out int n, out _)
            || (uint)n >= (uint)state.Messages.Length || state.Messages[n] is not { } message)
        {
            return;
        }

        state.Deliver(message, member);
    }

    private BenchRecord Record(FanoutStep state, OpenLoopResult loop, int step, double rate, double durationMs, (double? ServerCpu, double LoadgenCpu) usage, RedisSample[]? redisUse)
    {
        var expected = state.Acked * _roomSize;
        var lost = Math.Max(0, expected - state.Delivered);
        var summary = state.Latency.Summary();
        var ok = lost == 0 && state.Errors == 0 && loop.Sent == state.Acked && summary.P99Ms < FanoutScenario.GoalP99Ms;
        return new BenchRecord()
            .Set("variant", variant).Set("step", step).Set("rate", rate).Set("offeredDeliveriesPerSec", rate * _roomSize)
            .Set("roomSize", _roomSize).Set("rooms", _rooms).Set("nodes", servers.Length).Set("connections", _roomSize * _rooms)
            .Set("durationMs", durationMs).Set("sent", loop.Sent).Set("acked", state.Acked).Set("errors", state.Errors)
            .Set("expected", expected).Set("delivered", state.Delivered).Set("lost", lost).Set("duplicates", state.Duplicates)
            .Set("deliveriesPerSec", Math.Round(state.DeliveredInWindow / loop.WindowMs * 1000))
            .Latency(summary).Set("sendLagP99Ms", loop.Lag.PercentileMs(99)).Cpu(usage)
            .Set("rssBytes", ProcStats.TotalRssBytes(ctx.Settings.Pids))
            .Set("publishesPerMessage", redisUse is { } p && state.Acked > 0 ? Math.Round((double)p.Sum(s => s.Publishes) / state.Acked, 2) : null)
            .Set("redisShards", redisUse?.Length)
            .Set("redisCpuSeconds", redisUse is null ? null : new System.Text.Json.Nodes.JsonArray([.. redisUse.Select(s => (System.Text.Json.Nodes.JsonNode?)Math.Round(s.CpuSeconds, 3))]))
            // Redis CPU per sent message, on all servers together and on the busiest one: the busiest shard is the ceiling.
            .Set("redisCpuUsPerMessage", redisUse is { } c && state.Acked > 0 ? Math.Round(c.Sum(s => s.CpuSeconds) * 1e6 / state.Acked, 1) : null)
            .Set("redisMaxShardCpuUsPerMessage", redisUse is { } m && state.Acked > 0 ? Math.Round(m.Max(s => s.CpuSeconds) * 1e6 / state.Acked, 1) : null)
            .Set("goalP99Ms", FanoutScenario.GoalP99Ms).Set("ok", ok);
    }
}
