using Ledger.Infrastructure.Migrations;
using Ledger.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;
using Xunit;

namespace Ledger.Infrastructure.Tests.EventStore;

[Trait("Category", "Integration")]
public sealed class MigrationTests
{
    [Fact]
    public async Task GivenAFreshDatabase_WhenTwoProcessesMigrateAtOnceAndThenAgain_ThenEachMigrationIsAppliedOnce()
    {
        var cluster = await TestCluster.GetAsync();
        var name = $"m_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(name);
        await using var first = NpgsqlDataSource.Create(cluster.ConnectionString(name));
        await using var second = NpgsqlDataSource.Create(cluster.ConnectionString(name));
        MigrationRunner Runner(NpgsqlDataSource source) => new(source, LedgerDatabaseFixture.MigrationSources(), NullLogger<MigrationRunner>.Instance);

        var applied = await Task.WhenAll(Runner(first).RunAsync(), Runner(second).RunAsync());
        var again = await Runner(first).RunAsync();

        applied.Sum().ShouldBeGreaterThan(0);
        applied.ShouldContain(0, "the second process must find the first one's work done");
        again.ShouldBe(0);
        await using var count = first.CreateCommand("select count(*) from ledger.schema_migrations where module = 'ledger' and version = 1");
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1);
    }
}
