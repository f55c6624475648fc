using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Formatters;
using RealtimeHub.Server.Api;

namespace RealtimeHub.Server.Live.Internal;

/// <summary>
/// A key's value as every watch of a node sends it: serialized once per protocol when first sent, then copied into each
/// watcher's batch, instead of written again from objects for every watcher (in the feeds profile that writing, number
/// formatting above all, was a fifth of a node's CPU). On the wire it is exactly the value: its JSON text (as the store
/// holds it, validated on publish) over JSON, and the matching native MessagePack over MessagePack.
/// </summary>
[JsonConverter(typeof(PreparedFeedValueJsonConverter))]
[MessagePackFormatter(typeof(PreparedFeedValueFormatter))]
internal sealed class PreparedFeedValue
{
    private Encoded? _messagePack;

    private PreparedFeedValue(byte[] utf8Json) => Utf8Json = utf8Json;

    public byte[] Utf8Json { get; }

    /// <summary>
    /// The value of <paramref name="json"/>, checked to be one JSON value (anything else would break every frame it is
    /// copied into); null when it is JSON <c>null</c>. Only checked here: what MessagePack needs is made on first use.
    /// </summary>
    /// <exception cref="JsonException">Not one JSON value.</exception>
    public static PreparedFeedValue? From(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(utf8);
        var isNull = reader.Read() && reader.TokenType == JsonTokenType.Null;
        while (reader.Read())
        {
            // to the end: the reader throws at anything that is not one complete JSON value
        }

        return isNull ? null : new PreparedFeedValue(utf8);
    }

    /// <summary>The MessagePack bytes for <paramref name="options"/>, kept for the options last asked (the hub has one).</summary>
    public byte[] MessagePack(MessagePackSerializerOptions options)
    {
        var cached = Volatile.Read(ref _messagePack);
        if (cached is not null && ReferenceEquals(cached.Options, options))
        {
            return cached.Bytes;
        }

        // Plain objects, as SignalR's MessagePack protocol writes a JSON value (what JsonValues.ToPlain makes of it).
        using var document = JsonDocument.Parse(Utf8Json);
        var bytes = MessagePackSerializer.Serialize(JsonValues.ToPlain(document.RootElement), options);
        Volatile.Write(ref _messagePack, new Encoded(options, bytes)); // racing writers compute the same bytes
        return bytes;
    }

    public override string ToString() => Encoding.UTF8.GetString(Utf8Json);

    private sealed record Encoded(MessagePackSerializerOptions Options, byte[] Bytes);
}

/// <summary>Writes a <see cref="PreparedFeedValue"/> as its JSON text; the server never reads one.</summary>
internal sealed class PreparedFeedValueJsonConverter : JsonConverter<PreparedFeedValue>
{
    public override PreparedFeedValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Feed values are only written.");

    public override void Write(Utf8JsonWriter writer, PreparedFeedValue value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8Json, skipInputValidation: true);
}

/// <summary>Writes a <see cref="PreparedFeedValue"/> as its MessagePack bytes; the server never reads one.</summary>
internal sealed class PreparedFeedValueFormatter : IMessagePackFormatter<PreparedFeedValue>
{
    public void Serialize(ref MessagePackWriter writer, PreparedFeedValue value, MessagePackSerializerOptions options) =>
        writer.WriteRaw(value.MessagePack(options));

    public PreparedFeedValue Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Feed values are only written.");
}
