using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// One command argument: text (sent as UTF-8), bytes, an integer or a floating-point number. Converts implicitly,
/// so commands read naturally: <c>ExecuteAsync("SET", key, 42)</c>.
/// </summary>
public readonly struct RedisValue
{
    // Exactly one of these holds the value, as _kind says; no boxing of numbers or memory.
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _integer;
    private readonly double _double;
    private readonly Kind _kind;

    private RedisValue(Kind kind, string? text = null, ReadOnlyMemory<byte> bytes = default, long integer = 0, double number = 0)
    {
        _kind = kind;
        _text = text;
        _bytes = bytes;
        _integer = integer;
        _double = number;
    }

    private enum Kind : byte
    {
        None,
        Text,
        Bytes,
        Integer,
        Double,
    }

    public static implicit operator RedisValue(string value) =>
        new(Kind.Text, text: value ?? throw new ArgumentNullException(nameof(value), "A Redis argument cannot be null."));

    public static implicit operator RedisValue(byte[] value) =>
        new(Kind.Bytes, bytes: value ?? throw new ArgumentNullException(nameof(value), "A Redis argument cannot be null."));

    public static implicit operator RedisValue(ReadOnlyMemory<byte> value) => new(Kind.Bytes, bytes: value);

    public static implicit operator RedisValue(long value) => new(Kind.Integer, integer: value);

    public static implicit operator RedisValue(int value) => new(Kind.Integer, integer: value);

    public static implicit operator RedisValue(double value) => new(Kind.Double, number: value);

    /// <summary>Bytes this argument takes on the wire, without the RESP framing.</summary>
    internal int GetByteCount() => _kind switch
    {
        Kind.Text => Encoding.UTF8.GetByteCount(_text!),
        Kind.Bytes => _bytes.Length,
        Kind.Integer or Kind.Double => FormatNumber(stackalloc byte[32]),
        _ => throw new InvalidOperationException("A default(RedisValue) cannot be sent to Redis."),
    };

    /// <summary>Writes the argument's bytes and returns how many were written.</summary>
    internal int WriteTo(Span<byte> destination) => _kind switch
    {
        Kind.Text => Encoding.UTF8.GetBytes(_text, destination),
        Kind.Bytes => Copy(_bytes.Span, destination),
        Kind.Integer or Kind.Double => FormatNumber(destination),
        _ => throw new InvalidOperationException("A default(RedisValue) cannot be sent to Redis."),
    };

    public override string ToString() => _kind switch
    {
        Kind.Text => _text!,
        Kind.Bytes => Encoding.UTF8.GetString(_bytes.Span),
        Kind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        Kind.Double => FormatDouble(_double),
        _ => string.Empty,
    };

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private int FormatNumber(Span<byte> destination)
    {
        if (_kind == Kind.Integer)
        {
            return Utf8Formatter.TryFormat(_integer, destination, out var written)
                ? written
                : throw new InvalidOperationException("Integer does not fit the buffer.");
        }

        return Encoding.ASCII.GetBytes(FormatDouble(_double), destination);
    }

    // Redis spells infinities "+inf"/"-inf"; "R" round-trips every finite double.
    private static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "+inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
