using System.Diagnostics;
using RealtimeHub.Cli.Bench.Measuring;
using RealtimeHub.Cli.Bench.Wire;
using RealtimeHub.Client;
using RealtimeHub.Contracts;

namespace RealtimeHub.Cli.Bench.Scenarios;

/// <summary>
/// (5) Reconnect storm. N clients, each a real <see cref="ChatClient"/> with its default retry policy and history
/// catch-up, sit on node A (first --server) in rooms of 50; one sender per room on node B (second --server) keeps
/// sending through the outage. --kill-cmd kills A, --restart-cmd starts it again (returning once it listens).
/// Reports the time from the kill until 99 % and 100 % of the clients are reconnected, rejoined and caught up, and
/// every acknowledged message's deliveries: lost and duplicated.
/// </summary>
internal static class StormScenario
{
    public const int RoomSize = 50;

    public static async Task RunAsync(BenchContext ctx)
    {
        var settings = ctx.Settings;
        if (settings.Servers.Count < 2)
        {
            throw new ArgumentException("storm needs two --server: the node to restart, then the survivor");
        }

        if (settings.KillCommand is null || settings.RestartCommand is null)
        {
            throw new ArgumentException("storm needs --kill-cmd and --restart-cmd");
        }

        var count = (int)Math.Ceiling((settings.Connections ?? 5000) / (double)RoomSize) * RoomSize;
        var rooms = count / RoomSize;
        var rate = settings.Rate ?? rooms * 2;
        var timeout = TimeSpan.FromSeconds(ctx.Quick ? 30 : 120);
        var run = new StormRun(count, rooms, (int)(rate * (timeout.TotalSeconds + 60)));
        var (victim, survivor) = (settings.Servers[0], settings.Servers[1]);

        ChatClient[] members;
        using (ctx.Progress.Status(() => $"{run.Joined}/{count} clients joined"))
        {
            members = await Load.InParallelAsync(count, 100, i => run.ConnectMemberAsync(victim, ctx.Tokens.Mint($"storm{i}"), i));
        }

        var senders = await Load.InParallelAsync(rooms, 50, async r =>
        {
            var sender = await HubSocket.ConnectAsync(survivor, ctx.Tokens.Mint($"stormsender{r}"));
            await sender.InvokeAsync("JoinRoom", StormRun.RoomName(r));
            return sender;
        });
        using var keepAlive = new KeepAlive(senders);
        ctx.Log($"{count} clients on {victim} in {rooms} rooms, {rooms} senders on {survivor}, {rate} msg/s");

        using var stopSending = new CancellationTokenSource();
        var sendStart = Clock.Now;
        var sending = run.SendAsync(senders, rate, stopSending.Token);

        await Task.Delay(ctx.Quick ? 1000 : 5000);
        // CPU from the kill to full recovery: a generator near 1.0 means the client side bounds the figure.
        var cpu = new CpuMeter(settings.Pids.Skip(1).ToArray());
        run.Kill();
        RunShell(settings.KillCommand);
        double? restartMs = null;
        var restart = StartShell(settings.RestartCommand);
        restart.EnableRaisingEvents = true;
        restart.Exited += (_, _) => restartMs = run.SinceKillMs();
        ctx.Log("victim killed, restarting");

        using (ctx.Progress.Status(() => $"{run.RecoveredCount}/{count} recovered, {run.Acked} acked"))
        {
            await Load.WaitUntilAsync(() => run.AnyDown || run.SinceKillMs() > 2000, TimeSpan.FromSeconds(3));
            await Load.WaitUntilAsync(() => run.RecoveredCount >= count, timeout);
        }

        var recoveryCpu = cpu.Read();
        var recovered = run.RecoveredAfterMs();
        double? At(double fraction)
        {
            var needed = (int)Math.Ceiling(count * fraction);
            return recovered.Count >= needed ? Math.Round(recovered[needed - 1]) : null;
        }

        ctx.Log($"recovered {recovered.Count}/{count}: 99 % after {At(0.99)} ms, 100 % after {At(1)} ms "
            + $"(10 % {At(0.1)}, 50 % {At(0.5)}, 90 % {At(0.9)} ms; restart {restartMs:F0} ms)");

        await Task.Delay(ctx.Quick ? 1000 : 5000); // keep sending after recovery
        await stopSending.CancelAsync();
        await sending;
        // Long enough for a client that catches up from history after its rejoin.
        await Load.DrainAsync(() => run.Acked + run.Errors >= run.Sent && run.Delivered >= run.ExpectedDeliveries(),
            () => run.Delivered + run.Acked, ctx.Quick ? new DrainLimits(1000, 5000) : new DrainLimits(2000, 20000));

        var loss = run.CountLoss();
        ctx.Emit(new BenchRecord()
            .Set("nodes", settings.Servers.Count).Set("connections", count).Set("rooms", rooms).Set("roomSize", RoomSize).Set("rate", rate)
            .Set("durationMs", Math.Round(Clock.ElapsedMs(sendStart))).Set("sent", run.Sent).Set("acked", run.Acked).Set("errors", run.Errors)
            .Set("expected", loss.Expected).Set("delivered", run.Delivered).Set("lost", loss.Lost).Set("lostMessages", loss.LostMessages)
            .Set("duplicates", run.Duplicates).Set("reconnected", recovered.Count).Set("recover99Ms", At(0.99)).Set("recover100Ms", At(1))
            .Set("serverRestartMs", restartMs is { } ms ? Math.Round(ms) : null)
            .Set("survivorCpu", recoveryCpu.ServerCpu).Set("loadgenCpu", recoveryCpu.LoadgenCpu)
            .Set("rssBytes", ProcStats.TotalRssBytes(settings.Pids.Skip(1).ToArray()))
            .Set("client", "Hub.Client ChatClient, default retry policy (0.5 s base, x2, 30 s cap, ±20 % jitter), rejoin + GetHistory catch-up"));

        await Task.WhenAll(senders.Select(s => s.DisposeAsync().AsTask()));
        await Task.WhenAny(Task.WhenAll(members.Select(m => m.DisposeAsync().AsTask())), Task.Delay(TimeSpan.FromSeconds(10)));
    }

    private static void RunShell(string command)
    {
        using var process = StartShell(command);
        process.WaitForExit();
    }

    // Its stdout is read and dropped: this process's stdout carries only result lines.
    private static Process StartShell(string command)
    {
        var process = Process.Start(new ProcessStartInfo("sh", ["-c", command]) { UseShellExecute = false, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"Could not run: {command}");
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }
}
