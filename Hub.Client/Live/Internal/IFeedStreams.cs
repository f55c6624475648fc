using RealtimeHub.Contracts.Live;

namespace RealtimeHub.Client.Live.Internal;

/// <summary>What a <see cref="FeedWatch"/> needs from the connection; tests give it streams of their own.</summary>
internal interface IFeedStreams
{
    /// <summary>Completes once the connection is up; throws <see cref="InvalidOperationException"/> once it is closed for good.</summary>
    Task WaitUntilConnectedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// One <c>Watch</c> stream on the hub, each update's value a <see cref="System.Text.Json.JsonElement"/>. It ends with
    /// a <see cref="Microsoft.AspNetCore.SignalR.HubException"/> when the hub ends the watch with an error, and with
    /// another exception when the connection is lost.
    /// </summary>
    IAsyncEnumerable<FeedBatch> Watch(string feed, string[]? keys, double? maxPerSecond, CancellationToken cancellationToken);
}
