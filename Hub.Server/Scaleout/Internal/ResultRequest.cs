namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>An invocation that expects a client result: the node waiting for it and the invocation's id.</summary>
internal sealed record ResultRequest(string ReplyTo, string InvocationId);
