using System.Buffers;
using System.Reflection;
using System.Text;
using MessagePack;

namespace RealtimeHub.Contracts.Internal;

/// <summary>One property of a shape: its JSON name, pre-encoded as a MessagePack key, and how to write and read its value.</summary>
internal abstract class ContractMember<T>
{
    protected ContractMember(PropertyInfo property, string name)
    {
        Property = property;
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        var key = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(key);
        writer.Write(name);
        writer.Flush();
        EncodedKey = key.WrittenSpan.ToArray();
    }

    public PropertyInfo Property { get; }

    public string Name { get; }

    public byte[] Utf8Name { get; }

    /// <summary>The name as a MessagePack string, written as it is for every value.</summary>
    public byte[] EncodedKey { get; }

    /// <summary>The value a constructor gets when the map lacks this key.</summary>
    public abstract object? Default { get; }

    public static ContractMember<T> Create(PropertyInfo property, string name) =>
        (ContractMember<T>)Activator.CreateInstance(
            typeof(TypedContractMember<,>).MakeGenericType(typeof(T), property.PropertyType), property, name)!;

    public abstract void WriteValue(ref MessagePackWriter writer, T owner, MessagePackSerializerOptions options);

    public abstract object? ReadValue(ref MessagePackReader reader, MessagePackSerializerOptions options);
}
