using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Otklik.Features;
using Otklik.Realtime;
using Otklik.Web;
using Scalar.AspNetCore;

namespace Otklik.Infrastructure;

public static class PipelineSetup
{
    public static WebApplication UseOtklik(this WebApplication app)
    {
        app.UseExceptionHandler();
        var limits = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OtklikOptions>>().Value;
        // Raw mail carries its attachments base64-encoded: the inbound mail route takes more than other requests.
        // So do the customer's file pages (upload links, web forms), which refuse a too-large file by name themselves.
        app.UseRequestBodyLimit(http => http.Request.Path.StartsWithSegments(Channels.Email.InboundPipe.Path) || http.Request.Path.StartsWithSegments("/upload")
                                        || http.Request.Path.StartsWithSegments("/form") || http.Request.Path.StartsWithSegments("/api/v1/forms")
            ? limits.MaxInboundEmailBytes : limits.MaxRequestBodyBytes);
        app.UseStatusCodePages();
        app.UseRequestLocalization(Localization.Options);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Otklik API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapOtklikApi();
        Features.Email.UploadPage.Map(app);
        Features.WebForms.WebFormPage.Map(app);
        app.MapHub<WorkspaceHub>("/hubs/workspace");
        Channels.Chat.ChatChannelSetup.MapChatChannel(app);
        app.MapOtklikWorkspace();
        return app;
    }
}
