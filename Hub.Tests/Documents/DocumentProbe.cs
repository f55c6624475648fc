using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RealtimeHub.Client;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>A bare <see cref="HubConnection"/> to <c>/hubs/docs</c> that records every event exactly as the server sent it.</summary>
public sealed class DocumentProbe : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DocumentProbe(HubConnection connection, string userId)
    {
        Connection = connection;
        UserId = userId;
        connection.On<string, DocumentUpdate>(nameof(IDocumentClient.DocumentUpdated), (docId, update) => Updates.Add((docId, update)));
        connection.On<string, byte[]>(nameof(IDocumentClient.AwarenessChanged), (docId, update) => Awareness.Add((docId, update)));
        connection.On<string, long>(nameof(IDocumentClient.SnapshotRequested), (docId, upTo) => SnapshotRequests.Add((docId, upTo)));
        connection.On<string>(nameof(IDocumentClient.RemovedFromDocument), docId => Removed.Add(docId));
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }

    public string UserId { get; }

    public EventLog<(string DocId, DocumentUpdate Update)> Updates { get; } = new();

    public EventLog<(string DocId, byte[] Update)> Awareness { get; } = new();

    public EventLog<(string DocId, long UpToSequence)> SnapshotRequests { get; } = new();

    public EventLog<string> Removed { get; } = new();

    public Task<Exception?> Closed => _closed.Task;

    public static async Task<DocumentProbe> ConnectAsync(HubNode node, string userId, string? token = null, ChatProtocol protocol = ChatProtocol.Json)
    {
        token ??= TestAuth.CreateToken(userId);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseUri, HubRoutes.Documents), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token));
        if (protocol == ChatProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol(ContractMessagePack.Configure);
        }

        var probe = new DocumentProbe(builder.Build(), userId);
        using var timeout = new CancellationTokenSource(TestTimeouts.Event);
        await probe.Connection.StartAsync(timeout.Token);

        // The first call is answered only once the node has subscribed the connection's channels (see HubProbe).
        await probe.Connection.InvokeAsync(nameof(IDocumentHub.CloseDocument), "barrier", timeout.Token);
        return probe;
    }

    public Task<DocumentState> OpenAsync(string docId, string? knownEpoch = null, long knownSequence = 0) =>
        Connection.InvokeAsync<DocumentState>(nameof(IDocumentHub.OpenDocument), docId, knownEpoch, knownSequence);

    public Task<DocumentAck> PushAsync(string docId, byte[] update, string? clientUpdateId = null) =>
        Connection.InvokeAsync<DocumentAck>(nameof(IDocumentHub.PushUpdate), docId, update, clientUpdateId);

    public Task PushAwarenessAsync(string docId, byte[] update) =>
        Connection.InvokeAsync(nameof(IDocumentHub.PushAwareness), docId, update);

    public Task<bool> SubmitSnapshotAsync(string docId, byte[] snapshot, long upToSequence) =>
        Connection.InvokeAsync<bool>(nameof(IDocumentHub.SubmitSnapshot), docId, snapshot, upToSequence);

    public Task CloseAsync(string docId) => Connection.InvokeAsync(nameof(IDocumentHub.CloseDocument), docId);

    /// <summary>Waits until this probe has received the update with this sequence: a barrier for "nothing else came before it".</summary>
    public Task WaitForUpdateAsync(string docId, long sequence) =>
        Updates.WaitUntilAsync(all => all.Any(u => u.DocId == docId && u.Update.Sequence == sequence), $"update {sequence} of {docId}");

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
