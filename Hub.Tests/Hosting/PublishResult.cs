namespace RealtimeHub.Tests.Hosting;

/// <summary>A finished <c>dotnet publish</c>: where the app is and what the publish printed.</summary>
public sealed record PublishResult(string OutputDir, string Output)
{
    public string WebRoot => Path.Combine(OutputDir, "wwwroot");

    public bool RanClientWebBuild => Output.Contains(ServerPublish.BuildingClientWeb, StringComparison.Ordinal);

    public override string ToString() => Output;
}
