using RealtimeHub.Server.Api;
using RealtimeHub.Server.Authentication;
using RealtimeHub.Server.Chat;
using RealtimeHub.Server.Diagnostics;
using RealtimeHub.Server.Live;
using RealtimeHub.Server.Documents;
using RealtimeHub.Server.Games;
using RealtimeHub.Server.Rooms;
using RealtimeHub.Server.Scaleout;
using RealtimeHub.Server.Shutdown;
using RealtimeHub.Server.WebPage;

namespace RealtimeHub.Server.Hosting;

/// <summary>Builds the whole app, so Program.cs and the tests (which start real Kestrel nodes) share one composition.</summary>
public static class HubApplication
{
    /// <param name="configure">Runs first: configuration the registrations read.</param>
    /// <param name="services">Runs after the registrations, so it may replace a part (a test's stand-in).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.Services.AddProblemDetails();
        builder.Services.AddDiagnostics(builder.Configuration);
        builder.Services.AddHubAuthentication();
        builder.Services.AddChat();
        builder.Services.AddScaleout(builder.Configuration);
        builder.Services.AddRooms();
        builder.Services.AddLive();
        builder.Services.AddDocuments();
        builder.Services.AddGameHub(builder.Configuration);
        builder.Services.AddServerApi();
        builder.Services.AddGracefulShutdown();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseGracefulShutdown();
        app.UseStatusCodePages();
        app.UseWebPage();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDiagnostics();
        app.MapTokenEndpoint();
        app.MapChat();
        app.MapLive();
        app.MapDocuments();
        app.MapGameHub();
        app.MapServerApi();
        app.MapServerApiReference(app.Environment);
        return app;
    }
}
