using System.Collections;
using MessagePack;
using MessagePack.Formatters;

namespace RealtimeHub.Contracts.Internal;

/// <summary>
/// Formats the public shapes of this assembly by their JSON names (<see cref="ContractFormatter{T}"/>), and values
/// typed <see cref="object"/> so that a shape inside one is named the same way (<see cref="ContractObjectFormatter"/>).
/// Answers null for every other type, which the next resolver then formats as SignalR would.
/// </summary>
internal sealed class ContractResolver : IFormatterResolver
{
    public static readonly ContractResolver Instance = new();

    private ContractResolver()
    {
    }

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    /// <summary>A record or class declared here; enums, interfaces, static holders of constants and collections are not shapes.</summary>
    public static bool IsContract(Type type) =>
        type.Assembly == typeof(ContractResolver).Assembly
        && type.IsVisible
        && !type.IsEnum && !type.IsInterface && !type.IsAbstract && !type.IsGenericTypeDefinition
        && !typeof(IEnumerable).IsAssignableFrom(type);

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = Create();

        private static IMessagePackFormatter<T>? Create()
        {
            if (typeof(T) == typeof(object))
            {
                return (IMessagePackFormatter<T>)(object)ContractObjectFormatter.Instance;
            }

            return IsContract(typeof(T)) ? new ContractFormatter<T>() : null;
        }
    }
}
