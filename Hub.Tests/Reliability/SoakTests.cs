using System.Diagnostics;
using System.Globalization;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RealtimeHub.Tests.Reliability;

/// <summary>
/// ChatClients over two Redis-mode nodes send at a steady rate while links, nodes and Redis fail under them. Nothing
/// acknowledged may be lost or doubled, in history or on any client. CI runs 30 s with 10 clients; set
/// <c>SOAK_SECONDS</c> (and <c>SOAK_CLIENTS</c>) for a longer soak. The figures go to the test output as a
/// markdown table (run with <c>--logger "console;verbosity=detailed"</c> to see them).
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    // Per client: a message every 400 ms, in turn to each room. Ten clients stay far below the rate limit.
    private static readonly TimeSpan SendInterval = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task AcknowledgedMessagesSurviveCutLinksCrashedNodesAndARedisRestartExactlyOnce()
    {
        var duration = TimeSpan.FromSeconds(Setting("SOAK_SECONDS", 30));
        var clientCount = Setting("SOAK_CLIENTS", 10);
        var started = Stopwatch.StartNew();
        string[] rooms = [Unique.Name("soak-a"), Unique.Name("soak-b")];
        await using var cluster = await SoakCluster.StartAsync(nodeCount: 2);
        var clients = new List<SoakClient>();
        try
        {
            for (var i = 0; i < clientCount; i++)
            {
                clients.Add(await SoakClient.ConnectAsync($"soaker{i + 1}", cluster.Nodes[i % cluster.Nodes.Count], rooms));
            }

            var faults = new SoakFaultSchedule(cluster, clients, Log);
            await RunLoadAsync(clients, rooms, faults, duration);
            var (markers, markersSentAt) = await SettleAsync(clients, rooms);
            var history = await ReadHistoryAsync(cluster.Nodes[0], rooms);
            var report = new SoakReport(clients, history, markers, markersSentAt);

            output.WriteLine(string.Empty);
            output.WriteLine(report.ToMarkdown(duration, cluster.Nodes.Count, faults.Counts, started.Elapsed));
            output.WriteLine(string.Join(Environment.NewLine, report.FirstErrors.Select(e => $"send error: {e}")));
            Assert.True(report.Violations.Count == 0, string.Join(Environment.NewLine, report.Violations));
            Assert.True(report.Acked > 0 && faults.Total > 0, "the soak sent messages and injected faults");
            Assert.Equal(0, report.Duplicated);
            Assert.Equal(0, report.LostFromHistory + report.LostDeliveries);
            Assert.Equal(0, report.GapsSkipped);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static async Task RunLoadAsync(List<SoakClient> clients, string[] rooms, SoakFaultSchedule faults, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var faulting = faults.RunAsync(duration, stop.Token);
        var senders = clients.Select((client, index) => SendSteadilyAsync(client, rooms, index, stop.Token)).ToList();
        await Task.WhenAll(senders);
        try
        {
            await faulting;
        }
        catch (OperationCanceledException)
        {
            // the soak ended during a stall; Settle resumes every link
        }

        foreach (var client in clients)
        {
            await client.SendsFinishedAsync();
        }
    }

    private static async Task SendSteadilyAsync(SoakClient client, string[] rooms, int index, CancellationToken stop)
    {
        // The load's steady rate: pacing, not synchronisation.
        using var timer = new PeriodicTimer(SendInterval);
        var turn = index;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                client.StartSend(rooms[turn++ % rooms.Length]);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Lets every link flow, waits for every client to be connected, then sends one last message per room: a client
    /// that missed a live message (a broadcast lost with a crashed node) notices the gap when it sees this one and
    /// fetches the rest from history. Returns the markers' ids, which are no client's load, and when they went out.
    /// </summary>
    private async Task<(HashSet<string> Ids, long SentAt)> SettleAsync(List<SoakClient> clients, string[] rooms)
    {
        foreach (var client in clients)
        {
            client.Link.Resume();
            await client.WaitUntilConnectedAsync();
        }

        var markers = new HashSet<string>(StringComparer.Ordinal);
        var sentAt = Stopwatch.GetTimestamp();
        foreach (var room in rooms)
        {
            markers.Add((await clients[0].Client.SendMessageAsync(room, "end of soak").WaitAsync(TestTimeouts.Reconnect)).Id);
        }

        foreach (var client in clients)
        {
            try
            {
                await client.Raised.WaitUntilAsync(
                    raised => markers.All(id => raised.Any(m => m.Id == id)), $"{client.UserId} to raise the end markers", TestTimeouts.Reconnect);
            }
            catch (TimeoutException ex)
            {
                Log(ex.Message); // counted as lost deliveries by the report
            }
        }

        return (markers, sentAt);
    }

    private static async Task<Dictionary<string, IReadOnlyList<ChatMessage>>> ReadHistoryAsync(HubNode node, string[] rooms)
    {
        await using var reader = await HubProbe.ConnectAsync(node, Unique.Name("auditor"));
        var history = new Dictionary<string, IReadOnlyList<ChatMessage>>(StringComparer.Ordinal);
        foreach (var room in rooms)
        {
            await reader.JoinRoomAsync(room);
            var all = new List<ChatMessage>();
            while (true)
            {
                var page = await reader.GetHistoryAsync(room, all.Count == 0 ? 0 : all[^1].Sequence, ChatLimits.MaxHistoryPage);
                all.AddRange(page);
                if (page.Length < ChatLimits.MaxHistoryPage)
                {
                    break;
                }
            }

            history[room] = all;
        }

        return history;
    }

    private void Log(string line) => output.WriteLine(line);
}
