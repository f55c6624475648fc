using Microsoft.Extensions.Logging;

namespace RealtimeHub.Tests.Security;

/// <summary>One log entry as a node wrote it: the rendered message and the exception, as a log sink would store them.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>Everything a log sink would keep of this entry.</summary>
    public string FullText => $"{Category} [{EventId}] {Message} {Exception}";
}
