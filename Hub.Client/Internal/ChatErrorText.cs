using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Client.Internal;

/// <summary>
/// Reads a contract error prefix from a <see cref="HubException"/>, whether the hub sent the bare message
/// (<c>rate limited: …</c>) or SignalR's wording around it (<c>… HubException: rate limited: …</c>); the contract allows both.
/// </summary>
internal static class ChatErrorText
{
    private const string HubExceptionMarker = "HubException: ";

    public static bool HasPrefix(HubException error, string prefix)
    {
        var message = error.Message;
        if (message.StartsWith(prefix, StringComparison.Ordinal))
        {
            return true;
        }

        var marker = message.IndexOf(HubExceptionMarker, StringComparison.Ordinal);
        return marker >= 0 && message.AsSpan(marker + HubExceptionMarker.Length).StartsWith(prefix, StringComparison.Ordinal);
    }
}
