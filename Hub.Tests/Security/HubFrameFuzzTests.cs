using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Property-based fuzz of hub frames: thousands of mutated valid invocations (seed printed; set <c>FUZZ_SEED</c> to
/// replay one, <c>FUZZ_CASES</c> for more) against two Redis-mode nodes. Properties: every frame is answered or
/// closes only its own connection, never hangs; after every batch both nodes still serve a normal client across
/// nodes; no frame stores or delivers a message under any sender but the token's user; no frame makes a hub method
/// fail with anything but a contract error (an unexpected exception is a missing validation).
/// </summary>
public sealed class HubFrameFuzzTests(FuzzCluster cluster, ITestOutputHelper output) : IClassFixture<FuzzCluster>
{
    private const int BatchSize = 250;

    [Fact]
    public async Task MutatedFramesNeverCrashANodeHangAConnectionOrSpeakForAnotherUser()
    {
        var seed = Setting("FUZZ_SEED", 20260611);
        var cases = Setting("FUZZ_CASES", 3000);
        output.WriteLine($"fuzz seed {seed} (workers use {seed} and {seed + 1}), {cases} cases (replay with FUZZ_SEED={seed})");
        string[] rooms = [Unique.Name("fz-a"), Unique.Name("fz-b"), Unique.Name("fz-unjoined")];
        string[] users = [Unique.Name("fuzzer"), Unique.Name("fuzzer"), Unique.Name("fuzzer")];
        await using var observer1 = await HubProbe.ConnectAsync(cluster.Nodes[0], Unique.Name("observer"));
        await using var observer2 = await HubProbe.ConnectAsync(cluster.Nodes[1], Unique.Name("observer"));
        foreach (var observer in new[] { observer1, observer2 })
        {
            await observer.JoinRoomAsync(rooms[0]);
            await observer.JoinRoomAsync(rooms[1]);
        }

        // One worker per node, each with its own seeded generator (seed, seed + 1): reproducible, and twice as fast.
        string[] targets = [.. users, observer1.UserId, observer2.UserId, "*"];
        var workers = await Task.WhenAll(Enumerable.Range(0, 2).Select(w =>
            RunWorkerAsync(w, new FrameMutator(new Random(seed + w), rooms, targets), cases / 2, users, rooms)));
        var closes = workers.Sum(w => w.Closes);
        var connections = workers.Sum(w => w.Connections);
        output.WriteLine($"{cases} frames, {closes} closed their connection, {connections} connections");
        await AssertNoForeignSenderAsync(rooms, users, observer1, observer2, expectStored: cases >= 1000);
        AssertOnlyContractErrors();
    }

    /// <summary>Fuzzes node <paramref name="worker"/> (new connections go there; a user's messages still reach both).</summary>
    private async Task<(int Closes, int Connections)> RunWorkerAsync(int worker, FrameMutator mutator, int cases, string[] users, string[] rooms)
    {
        var closes = 0;
        var connections = 0;
        RawHubSocket? socket = null;
        try
        {
            for (var i = 0; i < cases; i++)
            {
                var n = (worker * cases) + i;
                socket ??= await ConnectAsync(worker, users[connections++ % users.Length], rooms);
                var (frame, description, binary) = mutator.Next(n);
                if (!await SurvivesAsync(socket, frame, binary, n, description))
                {
                    await socket.DisposeAsync();
                    socket = null;
                    closes++;
                }

                if ((i + 1) % BatchSize == 0 || i == cases - 1)
                {
                    await AssertNodesServeAsync(n);
                }
            }
        }
        finally
        {
            if (socket is not null)
            {
                await socket.DisposeAsync();
            }
        }

        return (closes, connections);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private async Task<RawHubSocket> ConnectAsync(int node, string user, string[] rooms)
    {
        var socket = await RawHubSocket.ConnectAsync(cluster.Nodes[node], user);
        await socket.InvokeAsync("join-a", "JoinRoom", $"[\"{rooms[0]}\"]");
        await socket.InvokeAsync("join-b", "JoinRoom", $"[\"{rooms[1]}\"]");
        return socket;
    }

    /// <summary>Sends the frame, then a barrier call; true when the barrier is answered, false when the connection closed.</summary>
    private static async Task<bool> SurvivesAsync(RawHubSocket socket, byte[] frame, bool binary, int n, string description)
    {
        var barrier = $"barrier-{n}";
        try
        {
            await socket.SendAsync(frame, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);
            // A frame cut before its record separator is finished by the barrier's own: the barrier stays a record
            // of its own instead of being read (and perhaps skipped) as the tail of the mutated one.
            var finish = frame.Length > 0 && frame[^1] == RawHubSocket.RecordSeparator ? string.Empty : RawHubSocket.RecordSeparator.ToString();
            await socket.SendTextAsync(finish + $$"""{"type":1,"invocationId":"{{barrier}}","target":"GetOnlineUsers","arguments":[]}""" + RawHubSocket.RecordSeparator);
            while (await socket.ReceiveRecordAsync() is { } record)
            {
                using var message = JsonDocument.Parse(record);
                if (message.RootElement.TryGetProperty("invocationId", out var id) && id.GetString() == barrier)
                {
                    return true;
                }
            }

            return false;
        }
        catch (WebSocketException)
        {
            return false; // closed while sending
        }
        catch (OperationCanceledException ex)
        {
            var text = System.Text.Encoding.UTF8.GetString(frame);
            throw new TimeoutException($"case {n} ({description}): no answer and no close after {(binary ? "binary" : "text")} frame {JsonSerializer.Serialize(text.Length > 300 ? text[..300] : text)}", ex);
        }
    }

    private async Task AssertNodesServeAsync(int n)
    {
        var room = Unique.Name("health");
        await using var a = await HubProbe.ConnectAsync(cluster.Nodes[0], Unique.Name("healthy"));
        await using var b = await HubProbe.ConnectAsync(cluster.Nodes[1], Unique.Name("healthy"));
        await a.JoinRoomAsync(room);
        await b.JoinRoomAsync(room);
        await b.WaitForMessageAsync(await a.SendMessageAsync(room, $"after case {n}"));
        await a.WaitForMessageAsync(await b.SendMessageAsync(room, "and back"));
        foreach (var node in cluster.Nodes)
        {
            using var http = node.CreateHttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
        }
    }

    private static async Task AssertNoForeignSenderAsync(string[] rooms, string[] users, HubProbe observer1, HubProbe observer2, bool expectStored)
    {
        var stored = new List<ChatMessage>();
        foreach (var room in rooms[..2])
        {
            var page = await observer1.GetHistoryAsync(room, 0, 500);
            stored.AddRange(page);
        }

        // A fuzz that only ever hit parse errors would prove little: a full run must have reached the store.
        Assert.True(!expectStored || stored.Count > 0, "no mutated frame was ever stored");
        var received = observer1.Messages.Snapshot().Concat(observer2.Messages.Snapshot()).ToList();
        Assert.All(stored.Concat(received), m => Assert.True(users.Contains(m.SenderId) && m.SenderName == m.SenderId, $"stored or delivered as {m.SenderId}/{m.SenderName}"));
        var privates = observer1.Privates.Snapshot().Concat(observer2.Privates.Snapshot());
        Assert.All(privates, p => Assert.True(users.Contains(p.FromUserId) && p.FromName == p.FromUserId, $"private from {p.FromUserId}/{p.FromName}"));
    }

    /// <summary>
    /// Hub methods may refuse input only with the contract's errors; any other exception is a bug the fuzz found. (A
    /// call cancelled because a later frame closed its connection is no error.)
    /// </summary>
    private void AssertOnlyContractErrors()
    {
        var unexpected = cluster.Logs.SelectMany(l => l.Entries)
            .Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Exception is not (null or HubException or OperationCanceledException))
            .GroupBy(e => $"{e.Category}: {e.Exception!.GetType().Name}: {e.Exception.Message}")
            .Select(g => $"{g.Count()} × {g.Key}")
            .ToList();
        foreach (var line in unexpected)
        {
            output.WriteLine(line);
        }

        Assert.Empty(unexpected);
    }
}
