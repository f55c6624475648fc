using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Reliability;

/// <summary>One message a soak client meant to send, and what became of it.</summary>
internal sealed class SoakSend(string senderId, string room, string text, string clientMessageId)
{
    public string SenderId { get; } = senderId;

    public string Room { get; } = room;

    public string Text { get; } = text;

    public string ClientMessageId { get; } = clientMessageId;

    /// <summary>The stored message the hub acknowledged; null when every attempt failed.</summary>
    public ChatMessage? Acknowledged { get; set; }

    /// <summary>When the acknowledgement came (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long AcknowledgedAt { get; set; }

    /// <summary>Why attempts failed, in order (touched only by the one task that sends this message).</summary>
    public List<string> Errors { get; } = [];
}
