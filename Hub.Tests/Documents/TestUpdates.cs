using System.Text;

namespace RealtimeHub.Tests.Documents;

/// <summary>Yjs updates for the hub's tests: the real yjs's fixtures, and byte-built ones where only size matters.</summary>
public static class TestUpdates
{
    /// <summary>Seven edits by three clients, in the order they were made; "team-snapshot" holds them all, "team-snapshot-missing-one" lacks team-102-2.</summary>
    public static IReadOnlyList<string> TeamEdits { get; } =
        ["team-101-0", "team-101-1", "team-102-0", "team-102-1", "team-102-2", "team-3141592653-0", "team-3141592653-1"];

    public static byte[] Named(string name) => YjsFixtures.Update(name).Bytes;

    /// <summary>
    /// One valid update inserting <paramref name="length"/> characters into the root text "body" as client 1, laid out as
    /// yjs lays out the fixture "text-one-client" (only the string's length differs): for frame-size tests.
    /// </summary>
    public static byte[] TextOfLength(int length)
    {
        var bytes = new List<byte> { 1, 1, 1, 0, 4, 1, 4 };
        bytes.AddRange("body"u8.ToArray());
        bytes.AddRange(VarUint((ulong)length));
        bytes.AddRange(Enumerable.Repeat((byte)'x', length));
        bytes.Add(0); // an empty delete set
        return [.. bytes];
    }

    /// <summary>An awareness update as y-protocols encodes it: count, then client id, clock and JSON state per entry.</summary>
    public static byte[] Awareness(params (ulong ClientId, ulong Clock, string? StateJson)[] entries)
    {
        var bytes = new List<byte>(VarUint((ulong)entries.Length));
        foreach (var (clientId, clock, state) in entries)
        {
            var json = Encoding.UTF8.GetBytes(state ?? "null");
            bytes.AddRange(VarUint(clientId));
            bytes.AddRange(VarUint(clock));
            bytes.AddRange(VarUint((ulong)json.Length));
            bytes.AddRange(json);
        }

        return [.. bytes];
    }

    public static byte[] VarUint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
