using System.Text.Json;
using RealtimeHub.Tests.Infrastructure;

namespace RealtimeHub.Tests.Documents;

/// <summary>
/// Fixtures/yjs-updates.json, written by Fixtures/make-fixtures.mjs with the real yjs package (13.6.33); committed, so
/// tests need no npm. To regenerate: <c>cd Hub.Tests/Documents/Fixtures &amp;&amp; npm ci &amp;&amp; node make-fixtures.mjs</c>.
/// </summary>
public static class YjsFixtures
{
    private static readonly Lazy<JsonElement> Root = new(() => JsonDocument.Parse(File.ReadAllBytes(
        Path.Combine(RepositoryPaths.Root, "Hub.Tests", "Documents", "Fixtures", "yjs-updates.json"))).RootElement);

    private static readonly Lazy<Dictionary<string, YjsUpdateFixture>> UpdatesByName =
        new(() => Section("updates", YjsUpdateFixture.From).ToDictionary(u => u.Name));

    public static IReadOnlyCollection<YjsUpdateFixture> Updates => UpdatesByName.Value.Values;

    public static IReadOnlyList<YjsContainmentFixture> Containment => Section("containment", YjsContainmentFixture.From);

    public static IReadOnlyList<YjsRefusalFixture> Refusals => Section("invalid", YjsRefusalFixture.From);

    public static IReadOnlyList<YjsMutationFixture> Mutations => Section("mutations", YjsMutationFixture.From);

    public static TheoryData<string> UpdateNames => [.. UpdatesByName.Value.Keys];

    public static TheoryData<string> RefusalNames => [.. Refusals.Select(r => r.Name)];

    public static TheoryData<string, string> ContainmentPairs
    {
        get
        {
            var pairs = new TheoryData<string, string>();
            foreach (var pair in Containment)
            {
                pairs.Add(pair.Snapshot, pair.Update);
            }

            return pairs;
        }
    }

    public static YjsUpdateFixture Update(string name) => UpdatesByName.Value[name];

    private static List<T> Section<T>(string name, Func<JsonElement, T> read) =>
        Root.Value.GetProperty(name).EnumerateArray().Select(read).ToList();
}
