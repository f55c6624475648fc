using System.Diagnostics;
using RealtimeHub.Server.Documents.Yjs;
using Xunit.Abstractions;

namespace RealtimeHub.Tests.Documents;

/// <summary>Hostile bytes cost the reader work and memory in proportion to the bytes, never to what they claim.</summary>
public sealed class YUpdateFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomMutationsOfRealUpdatesEndInACleanVerdict()
    {
        var random = new Random(20);
        var sources = YjsFixtures.Updates.Where(u => u.Bytes.Length < 1024).Select(u => u.Bytes).ToArray();
        var refused = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = Mutate(random, sources[random.Next(sources.Length)], sources);

            var validation = YUpdateReader.Validate(bytes);
            var accepted = YUpdateReader.TryRead(bytes, out var summary, out var read);

            Assert.Equal(validation, read);
            Assert.Equal(accepted, summary is not null);
            refused += accepted ? 0 : 1;
        }

        output.WriteLine($"20,000 mutations ({refused} refused) read twice each in {clock.ElapsedMilliseconds} ms");
        Assert.InRange(refused, 1, 19_999);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"{clock.Elapsed}");
    }

    [Fact]
    public void ValidatingARealUpdateAllocatesNothing()
    {
        foreach (var name in new[] { "large-snapshot", "xml-snapshot", "map-any", "rich-2", "subdoc", "content-json" })
        {
            var update = YjsFixtures.Update(name).Bytes;
            YUpdateReader.Validate(update);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var validation = YUpdateReader.Validate(update);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(validation.IsValid);
            Assert.True(allocated == 0, $"{name}: {allocated} bytes");
        }
    }

    [Fact]
    public void ALengthClaimingATerabyteAllocatesNoMoreThanTheRefusal()
    {
        foreach (var refusal in YjsFixtures.Refusals.Where(r => r.Error == YUpdateError.LengthExceedsInput))
        {
            YUpdateReader.Validate(refusal.Bytes);

            var before = GC.GetAllocatedBytesForCurrentThread();
            YUpdateReader.TryRead(refusal.Bytes, out _, out _);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < 16 * 1024, $"{refusal.Name}: {allocated} bytes");
        }
    }

    [Fact]
    public void AMebibyteOfTheCostliestShapesIsReadWithinSeconds()
    {
        foreach (var (shape, update) in WorstShapes(1 << 20))
        {
            // The first reads run before the JIT has optimized the reader: the slowest is the bound, the fastest is
            // what a warm server pays. Quadratic work on 262,144 ranges would take minutes; the bound leaves room for
            // a machine shared with other builds.
            var times = new List<TimeSpan>();
            YUpdateSummary? summary = null;
            for (var round = 0; round < 5; round++)
            {
                var clock = Stopwatch.StartNew();
                Assert.True(YUpdateReader.TryRead(update, out summary, out var validation), $"{shape}: {validation}");
                times.Add(clock.Elapsed);
            }

            var validate = Stopwatch.StartNew();
            Assert.True(YUpdateReader.Validate(update).IsValid);
            output.WriteLine($"{shape}: {update.Length:N0} bytes, {summary!.Structs[7].Count:N0} struct ranges, " +
                $"{summary.Deletes[7].Count:N0} delete ranges; read in {times.Max().TotalMilliseconds:F0} ms cold, " +
                $"{times.Min().TotalMilliseconds:F0} ms warm; validated in {validate.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(times.Max() < TimeSpan.FromSeconds(30), $"{shape}: {times.Max()}");
        }
    }

    /// <summary>One client's alternating GC and Skip structs (a range each), and its one-clock deletions in reverse order.</summary>
    private static IEnumerable<(string Shape, byte[] Update)> WorstShapes(int size)
    {
        var structs = size / 2;
        var gcAndSkips = new List<byte> { 1 };
        gcAndSkips.AddRange(VarUint((ulong)structs));
        gcAndSkips.AddRange([7, 0]);
        for (var i = 0; i < structs; i++)
        {
            gcAndSkips.AddRange(i % 2 == 0 ? [0, 1] : [10, 1]);
        }

        yield return ("alternating GC and Skip", [.. gcAndSkips, 0]);

        var deletions = size / 4;
        var reversed = new List<byte> { 0, 1, 7 };
        reversed.AddRange(VarUint((ulong)deletions));
        for (var i = deletions; i > 0; i--)
        {
            reversed.AddRange(VarUint((ulong)i * 2));
            reversed.Add(1);
        }

        yield return ("deletions in reverse order", [.. reversed]);
    }

    private static byte[] Mutate(Random random, byte[] source, byte[][] others)
    {
        var bytes = new List<byte>(source);
        var at = random.Next(bytes.Count);
        switch (random.Next(7))
        {
            case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
            case 1: bytes[at] = (byte)random.Next(256); break;
            case 2: bytes.Insert(at, (byte)random.Next(256)); break;
            case 3: bytes.RemoveAt(at); break;
            case 4: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 8), bytes.Count - at))); break;
            case 5: bytes.RemoveRange(at, bytes.Count - at); break;
            default:
                var other = others[random.Next(others.Length)];
                var from = random.Next(other.Length);
                bytes.InsertRange(at, other.Skip(from).Take(random.Next(1, 16)));
                break;
        }

        return [.. bytes];
    }

    private static IEnumerable<byte> VarUint(ulong value)
    {
        for (; value >= 0x80; value >>= 7)
        {
            yield return (byte)(value | 0x80);
        }

        yield return (byte)value;
    }
}
