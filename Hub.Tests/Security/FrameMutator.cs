using System.Text;
using System.Text.Json.Nodes;

namespace RealtimeHub.Tests.Security;

/// <summary>
/// Makes hostile hub frames from valid ones, reproducibly from one <see cref="Random"/>: 1–3 mutations per frame,
/// first on the JSON tree (field deleted, added or duplicated, type swapped, giant or random-unicode string, huge
/// number, deep nesting), then on the bytes (bit flips, truncation, inserted bytes, a record separator mid-frame).
/// </summary>
internal sealed class FrameMutator(Random random, IReadOnlyList<string> rooms, IReadOnlyList<string> users)
{
    private const char RecordSeparator = '\u001e';

    private static readonly string[] Templates =
    [
        """{"type":1,"invocationId":"{id}","target":"SendMessage","arguments":["{room}","hello from the fuzz","cm-{id}"]}""",
        """{"type":1,"target":"SendMessage","arguments":["{room}","no answer wanted",null]}""",
        """{"type":1,"invocationId":"{id}","target":"SendPrivateMessage","arguments":["{user}","psst","pm-{id}"]}""",
        """{"type":1,"invocationId":"{id}","target":"JoinRoom","arguments":["{room}"]}""",
        """{"type":1,"invocationId":"{id}","target":"LeaveRoom","arguments":["{room}"]}""",
        """{"type":1,"invocationId":"{id}","target":"GetHistory","arguments":["{room}",0,50]}""",
        """{"type":1,"invocationId":"{id}","target":"SetTyping","arguments":["{room}",true]}""",
        """{"type":1,"invocationId":"{id}","target":"GetOnlineUsers","arguments":[]}""",
        """{"type":1,"invocationId":"{id}","target":"Echo","arguments":["echo"]}""",
        """{"type":1,"invocationId":"{id}","target":"SendMessage","arguments":["{room}","streamed",null],"streamIds":["s{id}"]}""",
        """{"type":4,"invocationId":"{id}","target":"GetHistory","arguments":["{room}",0,10]}""",
        """{"type":2,"invocationId":"s{id}","item":"an item"}""",
        """{"type":3,"invocationId":"{id}","result":{"senderId":"admin"}}""",
        """{"type":5,"invocationId":"{id}"}""",
        """{"type":6}""",
        """{"type":8,"sequenceId":1}""",
        """{"type":9,"sequenceId":1}""",
    ];

    private static readonly string[] FieldNames = ["type", "target", "arguments", "invocationId", "headers", "streamIds", "senderId", "error", "result", "item", "sequenceId"];

    private static readonly string[] RawNumbers =
        ["1e309", "-1e309", "9223372036854775808", "-9223372036854775809", "-0", "1.7976931348623157e308", "4.9e-324", "0.5", "1E2", "18446744073709551615"];

    private const string PatternCharacters = "*?[]:{}\"\\<>&'";

    private readonly List<string> _raw = [];

    /// <summary>
    /// The mutated frame (record separator included) and what was done to it. Most mutations hit the arguments, where
    /// the hub's own code runs; fewer hit the envelope (type, id, target, headers), which SignalR itself guards; a few
    /// hit the bytes. That keeps most connections open, so the fuzz spends its time inside the hub, not reconnecting.
    /// </summary>
    public (byte[] Frame, string Description, bool Binary) Next(int caseNumber)
    {
        _raw.Clear();
        var root = JsonNode.Parse(Fill(Templates[random.Next(Templates.Length)], caseNumber))!;
        var steps = new List<string> { root["target"]?.GetValue<string>() ?? $"type {root["type"]}" };
        var roll = random.Next(100);
        var mutateBytes = roll >= 85;
        if (roll < 65 && root["arguments"] is JsonArray arguments)
        {
            if (arguments.Count == 0)
            {
                arguments.Add(RandomValue(depth: 0));
            }

            for (var i = random.Next(1, 3); i > 0; i--)
            {
                steps.Add(MutateTree(ref root, arguments, "$.arguments"));
            }
        }
        else if (!mutateBytes)
        {
            steps.Add(random.Next(20) == 0 ? ReplaceFrame(ref root) : MutateTree(ref root, root, "$"));
        }

        var text = root.ToJsonString();
        for (var i = 0; i < _raw.Count; i++)
        {
            text = text.Replace($"\"__raw{i}__\"", _raw[i], StringComparison.Ordinal);
        }

        if (!mutateBytes && roll >= 65 && random.Next(3) == 0)
        {
            text = DuplicateField(text, steps);
        }

        var bytes = Encoding.UTF8.GetBytes(text + RecordSeparator).ToList();
        if (mutateBytes)
        {
            steps.Add(MutateBytes(bytes));
        }

        return ([.. bytes], string.Join(" + ", steps), random.Next(40) == 0);
    }

    private string ReplaceFrame(ref JsonNode root)
    {
        root = RandomValue(depth: 0) ?? JsonValue.Create(0);
        return "whole frame replaced";
    }

    private string Fill(string template, int caseNumber) => template
        .Replace("{id}", caseNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{room}", rooms[random.Next(rooms.Count)], StringComparison.Ordinal)
        .Replace("{user}", users[random.Next(users.Count)], StringComparison.Ordinal);

    private string MutateTree(ref JsonNode root, JsonNode start, string startPath)
    {
        var (parent, key, path) = PickSlot(start, startPath);
        switch (random.Next(8))
        {
            case 0 when parent is JsonObject o && key is string name:
                o.Remove(name);
                return $"delete {path}";
            case 1 when parent is JsonArray a && key is int index && index < a.Count:
                a.RemoveAt(index);
                return $"delete {path}";
            case 2 when parent is JsonObject o:
                var field = FieldNames[random.Next(FieldNames.Length)];
                o[field] = RandomValue(depth: 0);
                return $"add {field}";
            case 3:
                Set(ref root, parent, key, Raw(StringLiteral(GiantString())));
                return $"giant string at {path}";
            case 4:
                Set(ref root, parent, key, Raw(StringLiteral(RandomUnicode(random.Next(1, 64)))));
                return $"random unicode at {path}";
            case 5:
                Set(ref root, parent, key, Raw(RawNumbers[random.Next(RawNumbers.Length)]));
                return $"huge number at {path}";
            case 6:
                var depth = random.Next(2) == 0 ? random.Next(2, 40) : random.Next(60, 400);
                JsonNode nested = JsonValue.Create(1);
                for (var d = 0; d < depth; d++)
                {
                    nested = random.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["a"] = nested };
                }

                Set(ref root, parent, key, nested);
                return $"nested {depth} at {path}";
            default:
                Set(ref root, parent, key, RandomValue(depth: 0));
                return $"type swap at {path}";
        }
    }

    private string MutateBytes(List<byte> bytes)
    {
        switch (random.Next(4))
        {
            case 0:
                var flips = random.Next(1, 5);
                for (var i = 0; i < flips; i++)
                {
                    bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                }

                return $"{flips} bit flip(s)";
            case 1:
                var keep = random.Next(bytes.Count);
                bytes.RemoveRange(keep, bytes.Count - keep);
                return $"truncated to {keep} bytes";
            case 2:
                byte[] nasty = [0x00, 0x1e, 0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80, (byte)'"', (byte)'\\', (byte)'{', (byte)']'];
                var count = random.Next(1, 6);
                for (var i = 0; i < count; i++)
                {
                    bytes.Insert(random.Next(bytes.Count + 1), nasty[random.Next(nasty.Length)]);
                }

                return $"{count} byte(s) inserted";
            default:
                bytes.Insert(random.Next(bytes.Count), 0x1e);
                return "record separator mid-frame";
        }
    }

    /// <summary>A random slot below <paramref name="start"/>: (container, property name or index, path); deeper ones less often.</summary>
    private (JsonNode? Parent, object? Key, string Path) PickSlot(JsonNode start, string path)
    {
        (JsonNode? Parent, object? Key, string Path) slot = (null, null, path);
        var current = start;
        do
        {
            if (current is JsonObject o && o.Count > 0)
            {
                var name = o.ElementAt(random.Next(o.Count)).Key;
                path += "." + name;
                slot = (o, name, path);
                current = o[name];
            }
            else if (current is JsonArray a && a.Count > 0)
            {
                var index = random.Next(a.Count);
                path += $"[{index}]";
                slot = (a, index, path);
                current = a[index];
            }
            else
            {
                break;
            }
        }
        while (random.Next(4) == 0);

        return slot;
    }

    private static void Set(ref JsonNode root, JsonNode? parent, object? key, JsonNode? value)
    {
        switch (parent, key)
        {
            case (JsonObject o, string name):
                o[name] = value;
                break;
            case (JsonArray a, int index) when index < a.Count:
                a[index] = value;
                break;
            default:
                root = value ?? JsonValue.Create(0);
                break;
        }
    }

    private JsonNode? RandomValue(int depth) => random.Next(depth > 2 ? 5 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
        3 => Raw(StringLiteral(RandomUnicode(random.Next(0, 16)))),
        4 => Raw(RawNumbers[random.Next(RawNumbers.Length)]),
        5 => new JsonArray(RandomValue(depth + 1), RandomValue(depth + 1)),
        _ => new JsonObject { [FieldNames[random.Next(FieldNames.Length)]] = RandomValue(depth + 1) },
    };

    /// <summary>A placeholder replaced by <paramref name="json"/> after serialising: for numbers no JsonNode can hold.</summary>
    private JsonValue Raw(string json)
    {
        _raw.Add(json);
        return JsonValue.Create($"__raw{_raw.Count - 1}__");
    }

    private string GiantString()
    {
        int[] sizes = [1_000, 4_001, 16_000, 31_000, 40_000];
        var size = sizes[random.Next(sizes.Length)];
        return random.Next(2) == 0 ? new string('x', size) : RandomUnicode(size / 2);
    }

    private string RandomUnicode(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(6) switch
            {
                0 => ((char)random.Next(0, 0x20)).ToString(), // controls, NUL and the record separator among them
                1 => ((char)random.Next(0xD800, 0xE000)).ToString(), // lone surrogates
                2 => "\u202E\u200B\uFEFF\u2028"[random.Next(4)].ToString(),
                3 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF)),
                4 => PatternCharacters[random.Next(PatternCharacters.Length)].ToString(),
                _ => ((char)random.Next(0x20, 0x3000)).ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="value"/> as a JSON string literal, written by hand: quotes, backslashes, controls and every
    /// surrogate escaped as <c>\uXXXX</c>, so lone surrogates reach the server as the escapes a client could send.
    /// </summary>
    private static string StringLiteral(string value)
    {
        var literal = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\' || char.IsControl(c) || char.IsSurrogate(c))
            {
                literal.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                literal.Append(c);
            }
        }

        return literal.Append('"').ToString();
    }

    private string DuplicateField(string text, List<string> steps)
    {
        var field = FieldNames[random.Next(4)];
        var value = random.Next(3) switch
        {
            0 => "\"SendMessage\"",
            1 => $"[\"{rooms[0]}\",\"dup\",\"admin\"]",
            _ => "1",
        };
        steps.Add($"duplicate {field}");
        return text.StartsWith('{') ? $"{{\"{field}\":{value},{text[1..]}" : text;
    }
}
