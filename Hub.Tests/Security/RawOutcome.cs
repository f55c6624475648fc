using System.Text.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Security;

/// <summary>What became of one hand-written frame: a completion (result or error), or the connection closed.</summary>
public sealed record RawOutcome(JsonElement? Completion)
{
    public bool Closed => Completion is null;

    public string? Error => Completion is { } c && c.TryGetProperty("error", out var e) ? e.GetString() : null;

    public JsonElement? Result => Completion is { } c && c.TryGetProperty("result", out var r) ? r : null;

    public override string ToString() => Completion?.ToString() ?? "(connection closed)";

    /// <summary>Sends <paramref name="frame"/> as it is (a record separator is appended) and waits for the completion of <paramref name="invocationId"/>.</summary>
    public static async Task<RawOutcome> SendAsync(RawHubSocket socket, string frame, string invocationId)
    {
        await socket.SendTextAsync(frame + RawHubSocket.RecordSeparator);
        while (await socket.ReceiveRecordAsync() is { } record)
        {
            var message = JsonDocument.Parse(record).RootElement;
            if (message.GetProperty("type").GetInt32() == 3 && message.GetProperty("invocationId").GetString() == invocationId)
            {
                return new RawOutcome(message);
            }
        }

        return new RawOutcome((JsonElement?)null);
    }

    /// <summary>An invocation of <paramref name="target"/> with the arguments written as raw JSON.</summary>
    public static Task<RawOutcome> InvokeAsync(RawHubSocket socket, string target, string argumentsJson, string invocationId = "1") =>
        SendAsync(socket, $$"""{"type":1,"invocationId":"{{invocationId}}","target":"{{target}}","arguments":{{argumentsJson}}}""", invocationId);
}
