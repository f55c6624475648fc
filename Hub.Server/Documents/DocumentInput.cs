using Microsoft.Extensions.Options;
using RealtimeHub.Contracts.Documents;
using RealtimeHub.Server.Access;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Documents.Yjs;

namespace RealtimeHub.Server.Documents;

/// <summary>
/// The document rules for the hub and the API: the problem with an input (null when there is none), and for the hub
/// the checked value or the contract's error.
/// </summary>
public sealed class DocumentInput(IOptionsMonitor<DocsOptions> options)
{
    public static string? DocIdProblem(string? docId) =>
        AccessKind.Document.IsValidName(docId) ? null : $"use 1–{DocumentLimits.MaxDocumentIdLength} of A-Z a-z 0-9 _ . -";

    /// <summary>Null when the bytes are one valid Yjs v1 update within <see cref="DocsOptions.MaxUpdateBytes"/>.</summary>
    public string? UpdateProblem(byte[]? update)
    {
        var max = options.CurrentValue.MaxUpdateBytes;
        if (update is null || update.Length == 0)
        {
            return "the update is empty";
        }

        if (update.Length > max)
        {
            return $"the update is {update.Length} bytes; at most {max} are allowed";
        }

        var validation = YUpdateReader.Validate(update);
        return validation.IsValid ? null : $"not a Yjs v1 update ({validation})";
    }

    public static string? ClientUpdateIdProblem(string? id) =>
        InputRules.IsValidClientMessageId(id) ? null : $"clientUpdateId must be 1–{DocumentLimits.MaxClientUpdateIdLength} characters";

    public string DocId(string? docId) =>
        DocIdProblem(docId) is { } problem ? throw DocumentHubErrors.InvalidDocument(problem) : docId!;

    public byte[] Update(byte[]? update) =>
        UpdateProblem(update) is { } problem ? throw DocumentHubErrors.InvalidUpdate(problem) : update!;

    public string? ClientUpdateId(string? id) =>
        ClientUpdateIdProblem(id) is { } problem ? throw DocumentHubErrors.InvalidUpdate(problem) : id;
}
