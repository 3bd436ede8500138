using Ledger.Application.Abstractions.EventStore;
using Ledger.Infrastructure.EventStore;
using Ledger.Application.Abstractions.Migrations;
using Ledger.Infrastructure.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Ledger.Infrastructure;

public static class DependencyInjection
{
    /// <summary>The event store on PostgreSQL, its notifications and audit, and start-up migrations.</summary>
    public static IServiceCollection AddLedgerInfrastructure(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => LedgerDataSource.Create(connectionString));
        services.AddSingleton(new MigrationSource("ledger", typeof(DependencyInjection).Assembly));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<StoreReadiness>();
        services.AddHostedService<MigrationHostedService>();

        services.AddSingleton<AppendNotifier>();
        services.AddSingleton<IAppendNotifications>(sp => sp.GetRequiredService<AppendNotifier>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AppendNotifier>());
        services.AddSingleton<IEventStore>(sp => new PostgresEventStore(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<AppendNotifier>()));
        services.AddSingleton<IEventLogAudit, PostgresEventLogAudit>();
        services.AddSingleton<StoreHealth>();
        return services;
    }
}
