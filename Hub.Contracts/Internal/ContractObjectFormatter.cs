using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace RealtimeHub.Contracts.Internal;

/// <summary>
/// Values typed <see cref="object"/>: a shape of this assembly is written by its JSON names, everything else exactly as
/// SignalR's default resolver writes and reads it (plain values, dictionaries with their keys as they are).
/// </summary>
/// <remarks>
/// Needed because the stock fallback for <see cref="object"/> looks the runtime type up in its own resolvers, not in
/// the options' resolver, so a shape inside a dictionary or an <c>object</c> property would keep its C# names.
/// </remarks>
internal sealed class ContractObjectFormatter : IMessagePackFormatter<object?>
{
    public static readonly ContractObjectFormatter Instance = new();

    private static readonly IMessagePackFormatter<object> Fallback = ContractlessStandardResolver.Instance.GetFormatter<object>()!;

    private ContractObjectFormatter()
    {
    }

    public void Serialize(ref MessagePackWriter writer, object? value, MessagePackSerializerOptions options)
    {
        if (value is not null && ContractResolver.IsContract(value.GetType()))
        {
            MessagePackSerializer.Serialize(value.GetType(), ref writer, value, options);
            return;
        }

        Fallback.Serialize(ref writer, value!, options);
    }

    public object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        Fallback.Deserialize(ref reader, options);
}
