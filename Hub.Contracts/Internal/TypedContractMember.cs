using System.Linq.Expressions;
using System.Reflection;
using MessagePack;

namespace RealtimeHub.Contracts.Internal;

/// <summary>A property of type <typeparamref name="TValue"/>: read through a compiled getter, its value formatted by the options' resolver.</summary>
internal sealed class TypedContractMember<T, TValue> : ContractMember<T>
{
    private readonly Func<T, TValue> _get;

    public TypedContractMember(PropertyInfo property, string name)
        : base(property, name)
    {
        var owner = Expression.Parameter(typeof(T), "owner");
        _get = Expression.Lambda<Func<T, TValue>>(Expression.Property(owner, property), owner).Compile();
    }

    public override object? Default => default(TValue);

    public override void WriteValue(ref MessagePackWriter writer, T owner, MessagePackSerializerOptions options) =>
        options.Resolver.GetFormatterWithVerify<TValue>().Serialize(ref writer, _get(owner), options);

    public override object? ReadValue(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        options.Resolver.GetFormatterWithVerify<TValue>().Deserialize(ref reader, options);
}
