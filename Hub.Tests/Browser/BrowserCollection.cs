namespace RealtimeHub.Tests.Browser;

/// <summary>Browser tests share one Chromium and run one after another: each drives several pages and a node on a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
