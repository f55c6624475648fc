namespace RealtimeHub.Server.WebPage;

public static class WebPageExtensions
{
    // The page loads only its own scripts and styles, and talks only to this origin (WebSockets included).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>Serves the built client-web page (wwwroot) at <c>/</c>, with security headers on every response.</summary>
    public static IApplicationBuilder UseWebPage(this IApplicationBuilder app)
    {
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
