using Microsoft.AspNetCore.SignalR;

namespace RealtimeHub.Tests.Infrastructure;

/// <summary>Binds every completion's result to one type, for tests that parse the server's frames by hand.</summary>
public sealed class ResultBinder(Type resultType) : IInvocationBinder
{
    public IReadOnlyList<Type> GetParameterTypes(string methodName) => [];

    public Type GetReturnType(string invocationId) => resultType;

    public Type GetStreamItemType(string streamId) => typeof(object);
}
