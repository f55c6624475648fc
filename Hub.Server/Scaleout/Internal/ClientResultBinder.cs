using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Server.Scaleout.Internal;

/// <summary>Tells a hub protocol what type a forwarded client result has: the one its waiting invocation asked for.</summary>
internal sealed class ClientResultBinder(ClientResults results) : IInvocationBinder
{
    public Type GetReturnType(string invocationId) =>
        results.TryGetType(invocationId, out var type) ? type : typeof(object); // cancelled meanwhile: read it, then drop it

    public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
        throw new NotSupportedException("Only completion messages cross the backplane this way.");

    public Type GetStreamItemType(string streamId) =>
        throw new NotSupportedException("Only completion messages cross the backplane this way.");
}
