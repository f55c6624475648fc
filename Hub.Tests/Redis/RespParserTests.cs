using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using RealtimeHub.Server.Redis;
using RealtimeHub.Server.Redis.Internal;

namespace RealtimeHub.Tests.Redis;

public sealed class RespParserTests
{
    [Fact]
    public void SimpleStringErrorAndIntegerAreParsed()
    {
        var replies = ParseAll("+OK\r\n-ERR wrong type\r\n:-42\r\n:0\r\n");

        Assert.Equal(RedisReplyKind.SimpleString, replies[0].Kind);
        Assert.Equal("OK", replies[0].AsString());
        Assert.True(replies[1].IsError);
        Assert.Equal("ERR wrong type", replies[1].AsString());
        Assert.Equal(-42, replies[2].AsInt64());
        Assert.Equal(0, replies[3].AsInt64());
    }

    [Fact]
    public void BulkStringsIncludingEmptyNullAndBinaryAreParsed()
    {
        var replies = ParseAll("$5\r\nhello\r\n$0\r\n\r\n$-1\r\n$4\r\na\r\nb\r\n");

        Assert.Equal("hello", replies[0].AsString());
        Assert.False(replies[0].IsNull);
        Assert.Equal(string.Empty, replies[1].AsString());
        Assert.False(replies[1].IsNull);
        Assert.True(replies[2].IsNull);
        Assert.Null(replies[2].AsString());
        Assert.Equal("a\r\nb", replies[3].AsString());
    }

    [Fact]
    public void NestedArraysWithNullsAreParsed()
    {
        var reply = Assert.Single(ParseAll("*4\r\n*2\r\n:1\r\n$1\r\na\r\n*0\r\n*-1\r\n*2\r\n$-1\r\n*1\r\n+deep\r\n"));

        Assert.Equal(RedisReplyKind.Array, reply.Kind);
        Assert.Equal(4, reply.Count);
        Assert.Equal(1, reply[0][0].AsInt64());
        Assert.Equal("a", reply[0][1].AsString());
        Assert.Equal(0, reply[1].Count);
        Assert.False(reply[1].IsNull);
        Assert.True(reply[2].IsNull);
        Assert.True(reply[3][0].IsNull);
        Assert.Equal("deep", reply[3][1][0].AsString());
    }

    [Fact]
    public void IncompleteReplyLeavesTheReaderWhereItWas()
    {
        var whole = Encoding.ASCII.GetBytes("*3\r\n$3\r\nfoo\r\n:12\r\n*1\r\n$-1\r\n");
        for (var length = 0; length < whole.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(whole, 0, length));

            Assert.False(RespParser.TryRead(ref reader, out _), $"a prefix of {length} bytes is not a whole reply");
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    public void RepliesSplitIntoOneByteSegmentsAreParsed()
    {
        const string text = "+OK\r\n:123456789\r\n$11\r\nhello world\r\n*2\r\n*1\r\n:7\r\n-ERR x\r\n";

        var replies = Parse(OneByteSegments(Encoding.ASCII.GetBytes(text)));

        Assert.Equal(4, replies.Count);
        Assert.Equal(123456789, replies[1].AsInt64());
        Assert.Equal("hello world", replies[2].AsString());
        Assert.Equal(7, replies[3][0][0].AsInt64());
        Assert.Equal("ERR x", replies[3][1].AsString());
    }

    [Fact]
    public async Task RepliesFedIntoAPipeByteByByteComeOutWhole()
    {
        var large = RandomBytes(100_000);
        var wire = Concat(Encoding.ASCII.GetBytes("+PONG\r\n*2\r\n$3\r\nkey\r\n:5\r\n$100000\r\n"), large, "\r\n$-1\r\n"u8.ToArray());
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));

        var writer = Task.Run(async () =>
        {
            foreach (var b in wire)
            {
                await pipe.Writer.WriteAsync(new[] { b });
            }

            await pipe.Writer.CompleteAsync();
        });
        var replies = await ReadAllAsync(pipe.Reader);
        await writer;

        Assert.Equal(4, replies.Count);
        Assert.Equal("PONG", replies[0].AsString());
        Assert.Equal("key", replies[1][0].AsString());
        Assert.Equal(5, replies[1][1].AsInt64());
        Assert.Equal(large, replies[2].AsMemory().ToArray());
        Assert.True(replies[3].IsNull);
    }

    [Fact]
    public async Task LargeBulkStringSplitAcrossManyReadsArrivesIntact()
    {
        var payload = RandomBytes(3 * 1024 * 1024);
        var wire = Concat(Encoding.ASCII.GetBytes($"${payload.Length}\r\n"), payload, "\r\n"u8.ToArray());
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));

        var writer = Task.Run(async () =>
        {
            var random = new Random(7);
            for (var offset = 0; offset < wire.Length;)
            {
                var chunk = Math.Min(random.Next(1, 9000), wire.Length - offset);
                await pipe.Writer.WriteAsync(wire.AsMemory(offset, chunk));
                offset += chunk;
            }

            await pipe.Writer.CompleteAsync();
        });
        var replies = await ReadAllAsync(pipe.Reader);
        await writer;

        var reply = Assert.Single(replies);
        Assert.True(reply.AsSpan().SequenceEqual(payload));
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData("$abc\r\n")]
    [InlineData("$-5\r\n")]
    [InlineData("*-2\r\n")]
    [InlineData("$3\r\nfooXY")]
    [InlineData(":12345678901234567890123456789\r\n")]
    [InlineData(":1111111111111111111111111111")]
    public void GarbageIsAProtocolErrorNotAWait(string wire)
    {
        Assert.Throws<RedisProtocolException>(() => ParseAll(wire));
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsRejected()
    {
        var wire = string.Concat(Enumerable.Repeat("*1\r\n", RespParser.MaxDepth + 1)) + ":1\r\n";

        Assert.Throws<RedisProtocolException>(() => ParseAll(wire));
    }

    [Fact]
    public void CommandsAreEncodedAsArraysOfBulkStrings()
    {
        var command = RedisCommand.Create("SET", ["k€y", 42, new byte[] { 0, 13, 10 }, 1.5]);

        var expected = "*5\r\n$3\r\nSET\r\n$5\r\nk€y\r\n$2\r\n42\r\n$3\r\n\0\r\n\r\n$3\r\n1.5\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), command.Payload.ToArray());
        command.ReleasePayload();
    }

    private static List<RedisReply> ParseAll(string wire) => Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(wire)));

    private static List<RedisReply> Parse(ReadOnlySequence<byte> sequence)
    {
        var reader = new SequenceReader<byte>(sequence);
        var replies = new List<RedisReply>();
        while (RespParser.TryRead(ref reader, out var reply))
        {
            replies.Add(reply);
        }

        Assert.True(reader.End, "every byte belongs to a reply");
        return replies;
    }

    private static async Task<List<RedisReply>> ReadAllAsync(PipeReader pipe)
    {
        var replies = new List<RedisReply>();
        while (true)
        {
            var result = await pipe.ReadAsync();
            var consumed = ParseInto(result.Buffer, replies);
            pipe.AdvanceTo(consumed, result.Buffer.End);
            if (result.IsCompleted)
            {
                Assert.True(result.Buffer.Slice(consumed).IsEmpty, "no partial reply left over");
                return replies;
            }
        }
    }

    private static SequencePosition ParseInto(ReadOnlySequence<byte> buffer, List<RedisReply> replies)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (RespParser.TryRead(ref reader, out var reply))
        {
            replies.Add(reply);
        }

        return reader.Position;
    }

    private static ReadOnlySequence<byte> OneByteSegments(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            last = last.Append(bytes.AsMemory(i, 1));
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
