namespace RealtimeHub.Server.WebPage;

public static class WebPageExtensions
{
    // The pages load only their own scripts and styles, and talk only to this origin (WebSockets included).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// Serves the built client-web pages (wwwroot) with security headers on every response: the chat page at <c>/</c>
    /// and each other page's <c>&lt;folder&gt;/index.html</c> at <c>/&lt;folder&gt;</c> and <c>/&lt;folder&gt;/</c>
    /// (<c>/dashboard</c>, later <c>/docs</c> and <c>/game</c>), so a new page needs no change here.
    /// </summary>
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
        // /dashboard is served as it is asked for, not redirected to /dashboard/: the pages' assets are root-relative.
        app.UseDefaultFiles(new DefaultFilesOptions { RedirectToAppendTrailingSlash = false });
        app.UseStaticFiles();
        return app;
    }
}
