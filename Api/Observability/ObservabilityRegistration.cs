using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Inbound;
using Ledger.Projections.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ledger.Api.Observability;

public static class ObservabilityRegistration
{
    /// <summary>
    /// The outbox's meter, subscribed ahead of the outbox itself. When it exists it should create this meter
    /// (as <see cref="InboundMetrics"/> does) with <c>ledger.outbox.depth</c>, an observable gauge of commands
    /// waiting, and <c>ledger.outbox.failures</c>, a counter of failed deliveries, both tagged <c>connector</c>.
    /// Until then no outbox series is exported: nothing here makes numbers up.
    /// </summary>
    public const string OutboxMeterName = "Ledger.Outbox";

    /// <summary>
    /// Metrics for Prometheus: HTTP server metrics, webhooks accepted and rejected per source, append
    /// latency, projection lag, and the outbox when it exists. Must come after the infrastructure, whose
    /// event store it wraps.
    /// </summary>
    public static IServiceCollection AddLedgerObservability(this IServiceCollection services)
    {
        // AddProjection registers the reader too, but with no projection registered nothing else would.
        services.TryAddSingleton<ProjectionStatusReader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EventStoreMetrics>();
        services.AddSingleton<ProjectionLagMetrics>();
        DecorateEventStore(services);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ledger"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(InboundMetrics.MeterName, EventStoreMetrics.MeterName, ProjectionLagMetrics.MeterName, OutboxMeterName)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>GET /metrics</c> in Prometheus' text format, anonymous like <c>/health</c>.</summary>
    public static WebApplication MapLedgerMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Observable gauges exist once their owner does; nothing else asks for this one before a scrape.
        app.Services.GetRequiredService<ProjectionLagMetrics>();
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    private static void DecorateEventStore(IServiceCollection services)
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(IEventStore))
        {
            index--;
        }

        if (index < 0)
        {
            throw new InvalidOperationException("Register the event store (AddLedgerInfrastructure) before AddLedgerObservability.");
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Singleton<IEventStore>(sp => new MeteredEventStore(Create(original, sp), sp.GetRequiredService<EventStoreMetrics>()));
    }

    private static IEventStore Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (IEventStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
