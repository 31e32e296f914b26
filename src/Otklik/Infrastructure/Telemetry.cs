using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Events;

namespace Otklik.Infrastructure;

public static class Telemetry
{
    public const string MeterName = "Otklik";

    /// <summary>OpenTelemetry metrics (HTTP server + Otklik's own) exposed for Prometheus at /metrics; health at /health/*.</summary>
    public static IServiceCollection AddOtklikTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter(MeterName)
            .AddPrometheusExporter());
        services.AddSingleton<TicketMetrics>();
        services.AddScoped<IDomainEventListener, MetricsListener>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    private sealed class DatabaseHealthCheck(OtklikDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            await db.Database.CanConnectAsync(ct) && !(await db.Database.GetPendingMigrationsAsync(ct)).Any()
                ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Database unreachable or not migrated.");
    }
}

public sealed class TicketMetrics
{
    public TicketMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.MeterName);
        TicketsCreated = meter.CreateCounter<long>("otklik.tickets.created", description: "Tickets opened");
        MessagesAdded = meter.CreateCounter<long>("otklik.messages.added", description: "Messages by kind");
    }

    public Counter<long> TicketsCreated { get; }
    public Counter<long> MessagesAdded { get; }
}

internal sealed class MetricsListener(TicketMetrics metrics) : IDomainEventListener
{
    public Task HandleAsync(IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (e is TicketCreated c) metrics.TicketsCreated.Add(1, new KeyValuePair<string, object?>("channel", Names.Of(c.Ticket.Channel)));
            if (e is MessageAdded m) metrics.MessagesAdded.Add(1, new KeyValuePair<string, object?>("kind", Names.Of(m.Message.Kind)));
        }
        return Task.CompletedTask;
    }
}
