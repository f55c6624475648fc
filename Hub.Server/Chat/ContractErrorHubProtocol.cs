using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Live;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Chat;

/// <summary>
/// Wraps a hub protocol so that a refused call's error reads exactly as the contract words it
/// (<c>"not in room: …"</c>), not as SignalR words every HubException
/// (<c>"An unexpected error occurred invoking 'X' on the server. HubException: not in room: …"</c>).
/// Only errors that carry a contract prefix are unwrapped; every other message passes through untouched.
/// Also reads on past frames of unknown type (see <see cref="TryParseMessage"/>).
/// </summary>
public sealed class ContractErrorHubProtocol(IHubProtocol inner) : IHubProtocol
{
    private const string HubExceptionMarker = "HubException: ";

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    /// <remarks>
    /// The JSON and MessagePack protocols skip a message of unknown type by consuming it and answering false, which SignalR reads as
    /// "wait for more data": frames that arrived behind it would sit unread until the client sends again. So keep
    /// parsing while the inner protocol consumes input without producing a message.
    /// </remarks>
    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        while (true)
        {
            var remaining = input.Length;
            if (inner.TryParseMessage(ref input, binder, out message))
            {
                return true;
            }

            if (input.Length == remaining)
            {
                return false; // a partial frame: wait for the rest
            }
        }
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(Unwrap(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Unwrap(message));

    /// <summary>The contract error inside SignalR's wording, or null when the text carries none.</summary>
    public static string? FindContractError(string? error)
    {
        var marker = error?.IndexOf(HubExceptionMarker, StringComparison.Ordinal) ?? -1;
        if (marker < 0)
        {
            return null;
        }

        var inner = error!.Substring(marker + HubExceptionMarker.Length);
        return ContractPrefixes.Any(prefix => inner.StartsWith(prefix, StringComparison.Ordinal)) ? inner : null;
    }

    private static readonly string[] ContractPrefixes =
    [
        ChatErrors.InvalidRoom, ChatErrors.InvalidMessage, ChatErrors.NotInRoom,
        ChatErrors.RateLimited, ChatErrors.TooManyRooms, ChatErrors.InvalidUser, ChatErrors.ForbiddenRoom,
        ChatErrors.Unavailable,
        LiveErrors.InvalidFeed, LiveErrors.InvalidKey, LiveErrors.InvalidRate, LiveErrors.TooManyWatches, LiveErrors.ForbiddenFeed,
        DocumentErrors.InvalidDocument, DocumentErrors.InvalidUpdate, DocumentErrors.NotInDocument, DocumentErrors.ForbiddenDocument,
        GameErrors.InvalidKind, GameErrors.NoSuchMatch, GameErrors.MatchFull, GameErrors.NotInMatch,
    ];

    private static HubMessage Unwrap(HubMessage message)
    {
        if (message is not CompletionMessage { Error: { } error } completion || FindContractError(error) is not { } contractError)
        {
            return message;
        }

        return new CompletionMessage(completion.InvocationId!, contractError, result: null, hasResult: false) { Headers = completion.Headers };
    }
}
