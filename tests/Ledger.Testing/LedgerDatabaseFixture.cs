using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Abstractions.Migrations;
using Ledger.Infrastructure;
using Ledger.Infrastructure.EventStore;
using Ledger.Infrastructure.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Ledger.Testing;

/// <summary>
/// A fresh, migrated database for one test class on the run's private cluster, with the real event store,
/// its notifier and its audit wired as Ledger wires them.
/// </summary>
public class LedgerDatabaseFixture : IAsyncLifetime
{
    public string DatabaseName { get; } = $"t_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public AppendNotifier Notifier { get; private set; } = null!;

    public PostgresEventStore Store { get; private set; } = null!;

    public PostgresEventLogAudit Audit { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var cluster = await TestCluster.GetAsync();
        await cluster.CreateDatabaseAsync(DatabaseName);
        ConnectionString = cluster.ConnectionString(DatabaseName);
        DataSource = LedgerDataSource.Create(ConnectionString);
        await new MigrationRunner(DataSource, MigrationSources(), NullLogger<MigrationRunner>.Instance).RunAsync();
        Notifier = new AppendNotifier(DataSource, NullLogger<AppendNotifier>.Instance);
        await Notifier.StartAsync(CancellationToken.None);
        Store = new PostgresEventStore(DataSource, Notifier);
        Audit = new PostgresEventLogAudit(DataSource, Store);
    }

    public static IEnumerable<MigrationSource> MigrationSources() =>
    [
        new MigrationSource("ledger", typeof(PostgresEventStore).Assembly),
        new MigrationSource("projections", typeof(Ledger.Projections.DependencyInjection).Assembly),
    ];

    /// <summary>A second, independent store on the same database: what another Ledger process would have.</summary>
    public PostgresEventStore NewStore(AppendNotifier? notifier = null) => new(LedgerDataSource.Create(ConnectionString), notifier);

    public virtual async Task DisposeAsync()
    {
        await Notifier.StopAsync(CancellationToken.None);
        Notifier.Dispose();
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
