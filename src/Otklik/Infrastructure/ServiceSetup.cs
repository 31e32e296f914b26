using Otklik.Channels.Chat;
using Otklik.Channels.Email;
using Otklik.Cluster;
using Otklik.Data;
using Microsoft.AspNetCore.DataProtection;
using Otklik.Events;
using Otklik.Events.Webhooks;
using Otklik.Features;
using Otklik.Features.WebForms;
using Otklik.Infrastructure.Auth;
using Otklik.Jobs;
using Otklik.Realtime;
using Otklik.Search;
using Otklik.Web;

namespace Otklik.Infrastructure;

public static class ServiceSetup
{
    public static WebApplicationBuilder AddOtklik(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(OtklikOptions.Section);
        builder.Services.Configure<OtklikOptions>(section);
        var options = section.Get<OtklikOptions>() ?? new OtklikOptions();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        // Serve wwwroot and Blazor's scripts from a plain build too (not only after publish or in Development).
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOtklikDatabase(options);
        services.AddScoped<ISearchEngine>(sp => options.Database.IsPostgres
            ? new PostgresSearch(sp.GetRequiredService<OtklikDb>()) : new SqliteSearch(sp.GetRequiredService<OtklikDb>()));
        services.AddScoped<DomainEventDispatcher>();
        services.AddSingleton<HtmlCleaner>();
        services.AddSingleton<Otklik.Files.FileStore>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<TicketPresence>();
        services.AddSingleton<AgentPresence>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, AgentCircuits>();
        services.AddScoped<IDomainEventListener, RealtimeListener>();
        services.AddHostedService<PresenceBroadcaster>();
        services.AddSingleton<OutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
        services.AddScoped<DemoData>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddScoped<IBeforeCommitListener, WebhookEvents>();
        services.AddScoped<IOutboxHandler, WebhookDelivery>();
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddDataProtection().SetApplicationName("Otklik").PersistKeysToDbContext<OtklikDb>();
        services.AddOtklikHandlers();
        services.AddEmailChannel();
        services.AddChatChannel();
        services.AddWebForms();
        services.AddOtklikAuth();
        services.AddOtklikProblems();
        services.AddOtklikRateLimits(options.RateLimits);
        services.AddOtklikTelemetry();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Otklik API";
            doc.Info.Description = "Tickets, customers, search and administration. Authenticate with `Authorization: Bearer <token>` from POST /api/v1/auth/tokens.";
            return Task.CompletedTask;
        }));
        services.AddOtklikCluster(options, services.AddSignalR());
        services.AddOtklikWorkspace();
        return builder;
    }
}
