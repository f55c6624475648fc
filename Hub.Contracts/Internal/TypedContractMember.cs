using System.Linq.Expressions;
using System.Reflection;
using MessagePack;
using MessagePack.Formatters;

namespace RealtimeHub.Contracts.Internal;

/// <summary>A property of type <typeparamref name="TValue"/>: read through a compiled getter, its value formatted by the options' resolver.</summary>
internal sealed class TypedContractMember<T, TValue> : ContractMember<T>
{
    private readonly Func<T, TValue> _get;

    /// <summary>The formatter the last resolver gave, so a hot path asks a resolver once, not once per value.</summary>
    private Resolved? _resolved;

    public TypedContractMember(PropertyInfo property, string name)
        : base(property, name)
    {
        var owner = Expression.Parameter(typeof(T), "owner");
        _get = Expression.Lambda<Func<T, TValue>>(Expression.Property(owner, property), owner).Compile();
    }

    public override object? Default => default(TValue);

    public override void WriteValue(ref MessagePackWriter writer, T owner, MessagePackSerializerOptions options) =>
        FormatterFor(options.Resolver).Serialize(ref writer, _get(owner), options);

    public override object? ReadValue(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        FormatterFor(options.Resolver).Deserialize(ref reader, options);

    private IMessagePackFormatter<TValue> FormatterFor(IFormatterResolver resolver)
    {
        var resolved = _resolved;
        if (resolved is null || !ReferenceEquals(resolved.Resolver, resolver))
        {
            resolved = new Resolved(resolver, resolver.GetFormatterWithVerify<TValue>());
            _resolved = resolved;
        }

        return resolved.Formatter;
    }

    private sealed record Resolved(IFormatterResolver Resolver, IMessagePackFormatter<TValue> Formatter);
}
