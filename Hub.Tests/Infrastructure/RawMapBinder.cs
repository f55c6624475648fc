using Microsoft.AspNetCore.SignalR;
using RealtimeHub.Contracts;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>
/// Binds every result, stream item and argument of an <see cref="IChatClient"/> event to <see cref="object"/>, so a
/// MessagePack frame's maps arrive exactly as they are on the wire: dictionaries keyed by the names the server wrote.
/// </summary>
public sealed class RawMapBinder : IInvocationBinder
{
    public IReadOnlyList<Type> GetParameterTypes(string methodName) =>
        typeof(IChatClient).GetMethod(methodName)?.GetParameters().Select(_ => typeof(object)).ToArray() ?? [];

    public Type GetReturnType(string invocationId) => typeof(object);

    public Type GetStreamItemType(string streamId) => typeof(object);
}
