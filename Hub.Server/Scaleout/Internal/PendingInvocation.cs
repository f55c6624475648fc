using Microsoft.AspNetCore.SignalR.Protocol;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>A server-to-client invocation waiting for the client's result.</summary>
/// <param name="ConnectionId">The only connection whose completion may end it.</param>
/// <param name="ResultType">What the hub protocol should deserialize the result as.</param>
/// <param name="Complete">Takes the client's completion, or an error completion when the invocation was cancelled.</param>
/// <param name="Disconnected">Ends it because the connection went away before answering.</param>
internal sealed record PendingInvocation(string ConnectionId, Type ResultType, Action<CompletionMessage> Complete, Action Disconnected);
