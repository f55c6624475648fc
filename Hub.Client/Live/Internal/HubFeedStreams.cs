using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RealtimeHub.Client.Internal;
using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Client.Live.Internal;

/// <summary><see cref="IFeedStreams"/> on the live client's <see cref="HubConnection"/>.</summary>
internal sealed class HubFeedStreams(HubConnection connection, ConnectedSignal connected) : IFeedStreams
{
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => connected.WaitAsync(cancellationToken);

    public async IAsyncEnumerable<FeedBatch> Watch(
        string feed, string[]? keys, double? maxPerSecond, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = connection.StreamAsync<FeedBatch>(nameof(ILiveHub.Watch), feed, keys, maxPerSecond, cancellationToken);
        await foreach (var batch in stream.ConfigureAwait(false))
        {
            yield return WithJsonValues(batch);
        }
    }

    /// <summary>The JSON protocol already brings <see cref="System.Text.Json.JsonElement"/>s; MessagePack brings plain objects.</summary>
    private static FeedBatch WithJsonValues(FeedBatch batch) =>
        Array.TrueForAll(batch.Updates, u => u.Value is JsonElement)
            ? batch
            : batch with { Updates = Array.ConvertAll(batch.Updates, u => u with { Value = NotificationData.ToJson(u.Value) }) };
}
