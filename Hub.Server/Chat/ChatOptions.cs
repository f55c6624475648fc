using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using RealtimeHub.Server.RateLimiting;

namespace RealtimeHub.Server.Chat;

/// <summary>Limits of the chat, bound from the <c>Chat</c> configuration section.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "Chat";

    /// <summary>Characters of message text after trimming. Default 4000.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Messages kept per room. Default 1000.</summary>
    [Range(1, 10_000_000)]
    public int HistoryLength { get; set; } = 1000;

    /// <summary>How long a private message's client id is remembered, so a retried send is delivered once. Default 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan PrivateMessageDeduplicationWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a stored room message may stay unconfirmed before a surviving node broadcasts it (Redis mode): longer
    /// than a healthy node ever takes between storing and publishing, short enough that members barely notice. Default 5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RebroadcastAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rooms one connection may be in at once. Default 50.</summary>
    [Range(1, 100_000)]
    public int MaxRoomsPerConnection { get; set; } = 50;

    /// <summary>Per-connection rate limit for SendMessage, SendPrivateMessage and SetTyping.</summary>
    [Required]
    [ValidateObjectMembers]
    public RateLimitOptions RateLimit { get; set; } = new();
}
