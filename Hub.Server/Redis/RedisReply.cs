using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RealtimeHub.Server.Redis;

/// <summary>
/// One parsed RESP2 reply. A small struct: integers and nulls allocate nothing; bulk strings own a byte array,
/// arrays own their items.
/// </summary>
public readonly struct RedisReply
{
    // string for simple strings and errors, byte[] for bulk strings, RedisReply[] for arrays, null for nulls.
    private readonly object? _value;
    private readonly long _integer;

    private RedisReply(RedisReplyKind kind, object? value, long integer)
    {
        Kind = kind;
        _value = value;
        _integer = integer;
    }

    public RedisReplyKind Kind { get; }

    /// <summary>The null bulk string (<c>$-1</c>) or the null array (<c>*-1</c>).</summary>
    public bool IsNull => Kind is RedisReplyKind.BulkString or RedisReplyKind.Array && _value is null;

    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>Items of an array reply; 0 for anything else.</summary>
    public int Count => _value is RedisReply[] items ? items.Length : 0;

    public RedisReply this[int index] => AsArray()[index];

    public static RedisReply SimpleString(string value) => new(RedisReplyKind.SimpleString, value, 0);

    public static RedisReply Error(string message) => new(RedisReplyKind.Error, message, 0);

    public static RedisReply Integer(long value) => new(RedisReplyKind.Integer, null, value);

    public static RedisReply BulkString(byte[]? value) => new(RedisReplyKind.BulkString, value, 0);

    public static RedisReply Array(RedisReply[]? items) => new(RedisReplyKind.Array, items, 0);

    /// <summary>Text of a simple string, error or bulk string (UTF-8), an integer in invariant digits; null for nulls.</summary>
    public string? AsString() => _value switch
    {
        string text => text,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        _ when Kind == RedisReplyKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        null when IsNull => null,
        _ => throw Unexpected("a string"),
    };

    /// <summary>An integer reply, or a bulk/simple string holding an integer (as Lua and ZSCORE return them).</summary>
    public long AsInt64()
    {
        if (Kind == RedisReplyKind.Integer)
        {
            return _integer;
        }

        if (_value is byte[] bytes && Utf8Parser.TryParse(bytes, out long parsed, out var consumed) && consumed == bytes.Length)
        {
            return parsed;
        }

        if (_value is string text && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed))
        {
            return parsed;
        }

        throw Unexpected("an integer");
    }

    /// <summary>A bulk string holding a number (sorted-set scores), or an integer reply.</summary>
    public double AsDouble()
    {
        if (Kind == RedisReplyKind.Integer)
        {
            return _integer;
        }

        var text = _value switch
        {
            byte[] bytes => Encoding.ASCII.GetString(bytes),
            string s => s,
            _ => throw Unexpected("a number"),
        };
        return text switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Unexpected("a number"),
        };
    }

    /// <summary>The bytes of a bulk string (empty for the null bulk string).</summary>
    public ReadOnlyMemory<byte> AsMemory() => _value switch
    {
        byte[] bytes => bytes,
        null when IsNull => ReadOnlyMemory<byte>.Empty,
        _ => throw Unexpected("a bulk string"),
    };

    public ReadOnlySpan<byte> AsSpan() => AsMemory().Span;

    /// <summary>The items of an array reply (empty for the null array).</summary>
    public RedisReply[] AsArray() => _value switch
    {
        RedisReply[] items => items,
        null when Kind == RedisReplyKind.Array => [],
        _ => throw Unexpected("an array"),
    };

    public override string ToString() => Kind switch
    {
        _ when IsNull => $"{Kind}(null)",
        RedisReplyKind.Array => $"Array[{Count}]",
        _ => $"{Kind}({AsString()})",
    };

    private InvalidOperationException Unexpected(string wanted) =>
        new($"Expected {wanted} reply from Redis but got {(IsNull ? "null " : string.Empty)}{Kind}.");
}
