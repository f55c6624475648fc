using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Contracts;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Scaleout;

/// <summary>
/// A real .NET <see cref="HubConnection"/> whose JSON protocol notes every message that crossed the wire, both ways, as
/// the client parsed or wrote it: what <see cref="HubConnection"/> hides (invocation ids, a server's cancellation).
/// </summary>
public sealed class RecordingClient : IAsyncDisposable
{
    private readonly Recorder _protocol = new();

    private RecordingClient(HubNode node)
    {
        var token = TestAuth.CreateToken(Unique.Name("client"));
        var builder = new HubConnectionBuilder().WithUrl(node.HubUri, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        builder.Services.AddSingleton<IHubProtocol>(_protocol); // registered last, so the connection speaks through it
        Connection = builder.Build();
    }

    public HubConnection Connection { get; }

    /// <summary>What the server sent, pings left out.</summary>
    public EventLog<HubMessage> Received => _protocol.Received;

    /// <summary>What this client sent, pings left out, in the order it was written to the transport.</summary>
    public EventLog<HubMessage> Sent => _protocol.Sent;

    public static async Task<RecordingClient> ConnectAsync(HubNode node)
    {
        var client = new RecordingClient(node);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await client.Connection.StartAsync(timeout.Token);

        // Answered only once the node has subscribed this connection's channel: from then on any node reaches it.
        await client.Connection.InvokeAsync<UserPresence[]>(nameof(IChatHub.GetOnlineUsers), timeout.Token);
        return client;
    }

    /// <summary>Waits for the server's invocation of <paramref name="target"/> and returns it (with its invocation id).</summary>
    public async Task<InvocationMessage> InvocationOfAsync(string target)
    {
        var received = await Received.WaitUntilAsync(all => all.Any(m => IsInvocationOf(m, target)), $"an invocation of {target}");
        return (InvocationMessage)received.First(m => IsInvocationOf(m, target));
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private static bool IsInvocationOf(HubMessage message, string target) =>
        message is InvocationMessage invocation && invocation.Target == target;

    private sealed class Recorder : IHubProtocol
    {
        private readonly JsonHubProtocol _json = new();

        public EventLog<HubMessage> Received { get; } = new();

        public EventLog<HubMessage> Sent { get; } = new();

        public string Name => _json.Name;

        public int Version => _json.Version;

        public TransferFormat TransferFormat => _json.TransferFormat;

        public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
        {
            if (!_json.TryParseMessage(ref input, binder, out message))
            {
                return false;
            }

            Note(Received, message);
            return true;
        }

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
        {
            _json.WriteMessage(message, output);
            Note(Sent, message);
        }

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
        {
            var bytes = _json.GetMessageBytes(message);
            Note(Sent, message);
            return bytes;
        }

        private static void Note(EventLog<HubMessage> log, HubMessage message)
        {
            if (message is not PingMessage)
            {
                log.Add(message);
            }
        }
    }
}
