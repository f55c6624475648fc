using System.Buffers;

namespace RealtimeHub.Server.Redis.Internal;

/// <summary>
/// A command encoded once into a pooled buffer, waiting to be written and then for its reply. Replies are matched
/// first-in first-out, so a command is queued for its reply in the same order its bytes go out.
/// </summary>
internal sealed class RedisCommand : TaskCompletionSource<RedisReply>
{
    private byte[]? _buffer;
    private readonly int _length;

    private RedisCommand(string name, byte[] buffer, int length)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Name = name;
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The command word, for error messages and logs (never the arguments: they may hold secrets).</summary>
    public string Name { get; }

    public ReadOnlySpan<byte> Payload => _buffer.AsSpan(0, _length);

    /// <summary>Encodes <c>command arg1 arg2 …</c> as a RESP array of bulk strings.</summary>
    public static RedisCommand Create(string command, ReadOnlySpan<RedisValue> args)
    {
        var name = (RedisValue)command;
        var length = HeaderLength(args.Length + 1) + ArgumentLength(name);
        foreach (var arg in args)
        {
            length += ArgumentLength(arg);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        var span = buffer.AsSpan();
        var written = WriteHeader(span, '*', args.Length + 1);
        written += WriteArgument(span[written..], name);
        foreach (var arg in args)
        {
            written += WriteArgument(span[written..], arg);
        }

        return new RedisCommand(command, buffer, written);
    }

    /// <summary>Completes with the reply; an error reply becomes a <see cref="RedisServerException"/>.</summary>
    public void Complete(RedisReply reply)
    {
        if (reply.IsError)
        {
            TrySetException(new RedisServerException(reply.AsString()!));
        }
        else
        {
            TrySetResult(reply);
        }
    }

    /// <summary>Returns the buffer to the pool once its bytes are written, or once the command will never be written.</summary>
    public void ReleasePayload()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int ArgumentLength(RedisValue value)
    {
        var bytes = value.GetByteCount();
        return HeaderLength(bytes) + bytes + 2;
    }

    private static int WriteArgument(Span<byte> destination, RedisValue value)
    {
        var bytes = value.GetByteCount();
        var written = WriteHeader(destination, '$', bytes);
        written += value.WriteTo(destination[written..]);
        destination[written++] = (byte)'\r';
        destination[written++] = (byte)'\n';
        return written;
    }

    private static int HeaderLength(int number) => 1 + CountDigits(number) + 2;

    private static int WriteHeader(Span<byte> destination, char prefix, int number)
    {
        destination[0] = (byte)prefix;
        number.TryFormat(destination[1..], out var digits);
        destination[1 + digits] = (byte)'\r';
        destination[2 + digits] = (byte)'\n';
        return digits + 3;
    }

    private static int CountDigits(int number)
    {
        var digits = 1;
        while (number >= 10)
        {
            number /= 10;
            digits++;
        }

        return digits;
    }
}
