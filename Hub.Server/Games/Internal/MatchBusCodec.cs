using System.Buffers;
using MessagePack;
using RealtimeHub.Contracts;
using RealtimeHub.Contracts.Games;

namespace RealtimeHub.Server.Games.Internal;

/// <summary>
/// <see cref="MatchBusMessage"/>s as MessagePack, for Redis. Entity values and inputs are written by their runtime type
/// with the hub's MessagePack options (so field names match what a local client is sent) and read
/// back as plain values (<see cref="PlainValues"/>): the JSON protocol then writes exactly the bytes it writes for the
/// typed original, the MessagePack protocol the same values, with one difference in width. A number in an object-typed
/// slot is written at its .NET type's width, and MessagePack reads 0…127 back as a byte: so such a small integer reaches
/// a player on another node as uint8 (2 bytes) where the typed original was a fixint (1 byte).
/// </summary>
/// <remarks>Layout: an array [tag, origin, fields…]; a delta is [tick, full, lastInputSequence, {entityId: value | nil}].</remarks>
internal static class MatchBusCodec
{
    /// <summary>The most bytes of one forwarded input; a larger one is forwarded as nothing (a neutral input).</summary>
    public const int MaxInputBytes = 1024;

    private const int Join = 1, Input = 2, Notice = 3, State = 4, Scores = 5, Reply = 6;

    /// <summary>The hub's own MessagePack options, so a value crosses nodes under the names a local client is sent.</summary>
    private static readonly MessagePackSerializerOptions Options = ContractMessagePack.SerializerOptions;

    public static byte[] Write(MatchBusMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        switch (message)
        {
            case JoinRequest join:
                Header(ref writer, 5, Join, join.Origin);
                writer.Write(join.RequestId);
                writer.Write(join.PlayerId);
                writer.Write(join.Name);
                break;
            case ForwardedInput input:
                Header(ref writer, 5, Input, input.Origin);
                writer.Write(input.PlayerId);
                writer.Write(input.Sequence);
                WriteInput(ref writer, input.Input);
                break;
            case PlayerNotice notice:
                Header(ref writer, 4, Notice, notice.Origin);
                writer.Write(notice.PlayerId);
                writer.Write(notice.Left);
                break;
            case StateFrame frame:
                Header(ref writer, 4, State, frame.Origin);
                writer.Write(frame.Tick);
                writer.WriteMapHeader(frame.Deltas.Length);
                foreach (var (playerId, delta) in frame.Deltas)
                {
                    writer.Write(playerId);
                    WriteDelta(ref writer, delta);
                }

                break;
            case ScoresFrame scores:
                Header(ref writer, 4, Scores, scores.Origin);
                writer.Write(scores.RoundEnded);
                WriteScores(ref writer, scores.Scores);
                break;
            case JoinReply reply:
                Header(ref writer, 6, Reply, reply.Origin);
                writer.Write(reply.RequestNode);
                writer.Write(reply.RequestId);
                writer.Write(reply.Error);
                WriteJoin(ref writer, reply.Join);
                break;
            default:
                throw new ArgumentException($"No encoding for {message.GetType().Name}.", nameof(message));
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a message this codec wrote.</exception>
    public static MatchBusMessage Read(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var reader = new MessagePackReader(payload);
            reader.ReadArrayHeader();
            var tag = reader.ReadInt32();
            var origin = reader.ReadString()!;
            return tag switch
            {
                Join => new JoinRequest(origin, reader.ReadInt64(), reader.ReadString()!, reader.ReadString()!),
                Input => new ForwardedInput(origin, reader.ReadString()!, reader.ReadInt64(), ReadValue(ref reader)),
                Notice => new PlayerNotice(origin, reader.ReadString()!, reader.ReadBoolean()),
                State => ReadState(ref reader, origin),
                Scores => new ScoresFrame(origin, RoundEnded: reader.ReadBoolean(), Scores: ReadScores(ref reader)),
                Reply => new JoinReply(origin, reader.ReadString()!, reader.ReadInt64(), Error: reader.ReadString(), Join: ReadJoin(ref reader)),
                _ => throw new InvalidDataException($"Unknown match message tag {tag}."),
            };
        }
        catch (MessagePackSerializationException exception)
        {
            throw new InvalidDataException("Not a match message.", exception);
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("A truncated match message.", exception);
        }
    }

    /// <summary>
    /// Whether the payload is a state or scores frame that <paramref name="nodeId"/> sent, read from its header alone: the
    /// node running a match delivered those to its own players already, so its echo is dropped undecoded.
    /// </summary>
    public static bool IsFrameFrom(ReadOnlyMemory<byte> payload, string nodeId)
    {
        try
        {
            var reader = new MessagePackReader(payload);
            reader.ReadArrayHeader();
            return reader.ReadInt32() is State or Scores && reader.ReadString() == nodeId;
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or EndOfStreamException)
        {
            return false; // Read reports it
        }
    }

    private static void Header(ref MessagePackWriter writer, int count, int tag, string origin)
    {
        writer.WriteArrayHeader(count);
        writer.Write(tag);
        writer.Write(origin);
    }

    /// <summary>Writes the input, or nil when it does not fit in <see cref="MaxInputBytes"/> (a client cannot make nodes carry its junk).</summary>
    private static void WriteInput(ref MessagePackWriter writer, object? input)
    {
        var bytes = MessagePackSerializer.Serialize(input, Options);
        if (bytes.Length > MaxInputBytes)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteRaw(bytes);
    }

    private static void WriteDelta(ref MessagePackWriter writer, MatchDelta delta)
    {
        writer.WriteArrayHeader(4);
        writer.Write(delta.Tick);
        writer.Write(delta.Full);
        writer.Write(delta.LastInputSequence);
        writer.WriteMapHeader(delta.Entities.Count);
        foreach (var (id, value) in delta.Entities)
        {
            writer.Write(id);
            MessagePackSerializer.Serialize(ref writer, value, Options);
        }
    }

    private static MatchDelta ReadDelta(ref MessagePackReader reader)
    {
        reader.ReadArrayHeader();
        var (tick, full, lastInput) = (reader.ReadInt64(), reader.ReadBoolean(), reader.ReadInt64());
        var count = reader.ReadMapHeader();
        var entities = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            entities[reader.ReadString()!] = ReadValue(ref reader);
        }

        return new MatchDelta(tick, full, entities, lastInput);
    }

    private static StateFrame ReadState(ref MessagePackReader reader, string origin)
    {
        var tick = reader.ReadInt64();
        var deltas = new PlayerDelta[reader.ReadMapHeader()];
        for (var i = 0; i < deltas.Length; i++)
        {
            deltas[i] = new PlayerDelta(reader.ReadString()!, ReadDelta(ref reader));
        }

        return new StateFrame(origin, tick, deltas);
    }

    private static void WriteScores(ref MessagePackWriter writer, Score[] scores)
    {
        writer.WriteArrayHeader(scores.Length * 3);
        foreach (var score in scores)
        {
            writer.Write(score.PlayerId);
            writer.Write(score.Name);
            writer.Write(score.Points);
        }
    }

    private static Score[] ReadScores(ref MessagePackReader reader)
    {
        var scores = new Score[reader.ReadArrayHeader() / 3];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new Score(reader.ReadString()!, reader.ReadString()!, reader.ReadInt32());
        }

        return scores;
    }

    private static void WriteJoin(ref MessagePackWriter writer, MatchJoin? join)
    {
        if (join is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(5);
        writer.Write(join.MatchId);
        writer.Write(join.Kind);
        writer.Write(join.PlayerId);
        writer.Write(join.Tick);
        WriteDelta(ref writer, join.State);
    }

    private static MatchJoin? ReadJoin(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        reader.ReadArrayHeader();
        return new MatchJoin(reader.ReadString()!, reader.ReadString()!, reader.ReadString()!, reader.ReadInt64(), ReadDelta(ref reader));
    }

    private static object? ReadValue(ref MessagePackReader reader) =>
        PlainValues.From(MessagePackSerializer.Deserialize<object?>(ref reader, Options));
}
