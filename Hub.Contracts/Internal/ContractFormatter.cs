using System.Buffers;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Formatters;

namespace RealtimeHub.Contracts.Internal;

/// <summary>
/// A shape as a MessagePack map keyed by the names SignalR's JSON protocol gives it: camelCase (or a
/// <see cref="JsonPropertyNameAttribute"/>), public readable properties in declaration order, <see cref="JsonIgnoreAttribute"/>
/// left out. Read back through the constructor whose parameters name properties (a positional record's), keys matched
/// exactly and then ignoring case as the JSON protocol does; unknown keys are skipped, missing ones get the default.
/// </summary>
internal sealed class ContractFormatter<T> : IMessagePackFormatter<T>
{
    private readonly ContractMember<T>[] _members;
    private readonly object?[] _defaults;
    private readonly Func<object?[], T>? _create;

    public ContractFormatter()
    {
        _members = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => ContractMember<T>.Create(p, JsonName(p)))
            .ToArray();
        _defaults = _members.Select(m => m.Default).ToArray();
        _create = CreateFactory(_members);
    }

    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteMapHeader(_members.Length);
        foreach (var member in _members)
        {
            writer.WriteRaw(member.EncodedKey);
            member.WriteValue(ref writer, value, options);
        }
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return default!;
        }

        var create = _create ?? throw new MessagePackSerializationException($"{typeof(T).Name} has no constructor to read it with.");
        options.Security.DepthStep(ref reader);
        try
        {
            var values = (object?[])_defaults.Clone();
            for (var count = reader.ReadMapHeader(); count > 0; count--)
            {
                var index = ReadMemberIndex(ref reader);
                if (index < 0)
                {
                    reader.Skip(); // a key this side does not know: newer peers may send more
                }
                else
                {
                    values[index] = _members[index].ReadValue(ref reader, options);
                }
            }

            return create(values);
        }
        finally
        {
            reader.Depth--;
        }
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>The index of the member the next key names, or -1 (the key is consumed either way).</summary>
    private int ReadMemberIndex(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.String)
        {
            reader.Skip();
            return -1;
        }

        var sequence = reader.ReadStringSequence()!.Value;
        ReadOnlySpan<byte> key = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        for (var i = 0; i < _members.Length; i++)
        {
            if (key.SequenceEqual(_members[i].Utf8Name))
            {
                return i;
            }
        }

        var text = Encoding.UTF8.GetString(key);
        return Array.FindIndex(_members, m => string.Equals(m.Name, text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <c>values =&gt; new T(values[i], …) { Settable = values[j], … }</c> through the public constructor with the most
    /// parameters that all name a property of the same type (for a record: its primary constructor); null when there is none.
    /// </summary>
    private static Func<object?[], T>? CreateFactory(ContractMember<T>[] members)
    {
        int IndexOf(string name) => Array.FindIndex(members, m => string.Equals(m.Property.Name, name, StringComparison.OrdinalIgnoreCase));
        var constructor = typeof(T).GetConstructors()
            .Where(c => c.GetParameters().All(p => IndexOf(p.Name!) is var i && i >= 0 && members[i].Property.PropertyType == p.ParameterType))
            .MaxBy(c => c.GetParameters().Length);
        if (constructor is null && !typeof(T).IsValueType)
        {
            return null;
        }

        var values = Expression.Parameter(typeof(object?[]), "values");
        Expression Value(int index) =>
            Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(index)), members[index].Property.PropertyType);
        var parameters = constructor?.GetParameters().Select(p => IndexOf(p.Name!)).ToArray() ?? [];
        var creation = constructor is null ? Expression.New(typeof(T)) : Expression.New(constructor, parameters.Select(Value));
        var settable = Enumerable.Range(0, members.Length)
            .Where(i => !parameters.Contains(i) && members[i].Property.SetMethod is { IsPublic: true })
            .Select(i => Expression.Bind(members[i].Property, Value(i)));
        return Expression.Lambda<Func<object?[], T>>(Expression.MemberInit(creation, settable), values).Compile();
    }
}
