using System.Diagnostics;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Diagnostics;

public sealed class HubTracingTests
{
    private const string AspNetCoreActivitySource = "Microsoft.AspNetCore";

    [Fact]
    public async Task HubInvocationsAreTracedByMethodNameAndNeverCarryMessageText()
    {
        var stopped = new EventLog<Activity>();
        using var listener = new ActivityListener
        {
            // The node's own sources and ASP.NET Core's HTTP spans, which its instrumentation exports.
            ShouldListenTo = source => HubTelemetry.ActivitySources.Contains(source.Name) || source.Name == AspNetCoreActivitySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var node = await HubNode.StartAsync();
        var room = Unique.Name("traced");
        var secret = Unique.Name("secret-text");
        await using var alice = await HubProbe.ConnectAsync(node, Unique.Name("alice"));
        await alice.JoinRoomAsync(room);

        await alice.SendMessageAsync(room, secret);

        // Other tests' nodes share the process: find this test's invocation, then check nothing anywhere leaked the text.
        var all = await stopped.WaitUntilAsync(
            activities => activities.Any(a => a.Source.Name == HubTelemetry.SignalRActivitySource && Tag(a, "rpc.method") == "SendMessage"),
            "a SendMessage span");
        var sent = all.First(a => Tag(a, "rpc.method") == "SendMessage");
        Assert.Equal("signalr", Tag(sent, "rpc.system"));
        Assert.DoesNotContain(all, a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true));
        Assert.DoesNotContain(all, a => a.DisplayName.Contains(secret, StringComparison.Ordinal));
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name)?.ToString();
}
