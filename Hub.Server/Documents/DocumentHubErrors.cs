using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts.Documents;

namespace RealtimeHub.Server.Documents;

/// <summary>Builds the <see cref="HubException"/>s document clients see, each starting with a prefix from <see cref="DocumentErrors"/>.</summary>
public static class DocumentHubErrors
{
    public static HubException InvalidDocument(string reason) => Create(DocumentErrors.InvalidDocument, reason);

    public static HubException Deleted(string docId) =>
        Create(DocumentErrors.InvalidDocument, $"'{docId}' was deleted; open it with no known epoch to start a new document of that name");

    public static HubException TooManyDocuments(int max) =>
        Create(DocumentErrors.InvalidDocument, $"a connection may have at most {max} documents open");

    public static HubException InvalidUpdate(string reason) => Create(DocumentErrors.InvalidUpdate, reason);

    public static HubException NotInDocument(string docId) => Create(DocumentErrors.NotInDocument, $"open '{docId}' first");

    private static HubException Create(string prefix, string detail) => new($"{prefix}: {detail}");
}
