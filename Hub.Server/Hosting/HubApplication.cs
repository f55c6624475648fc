namespace RealtimeHub.Server.Hosting;

/// <summary>Builds the whole app, so Program.cs and the tests (which start real Kestrel nodes) share one composition.</summary>
public static class HubApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var app = builder.Build();
        return app;
    }
}
