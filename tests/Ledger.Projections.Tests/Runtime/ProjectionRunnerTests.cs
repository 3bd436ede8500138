using Ledger.Application.Abstractions.EventStore;
using Ledger.Projections.Runtime;
using Ledger.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Shouldly;
using Xunit;

namespace Ledger.Projections.Tests.Runtime;

[Trait("Category", "Integration")]
public sealed class ProjectionRunnerTests(LedgerDatabaseFixture db) : IClassFixture<LedgerDatabaseFixture>
{
    private static readonly ProjectionRunnerOptions Fast = new()
    {
        BatchSize = 50,
        PollInterval = TimeSpan.FromMilliseconds(100),
        StandbyRetryInterval = TimeSpan.FromMilliseconds(100),
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
    };

    private async Task<CountingProjection> NewProjection()
    {
        var projection = new CountingProjection("p" + Guid.NewGuid().ToString("N")[..10]);
        await projection.CreateTableAsync(db.DataSource);
        return projection;
    }

    private ProjectionRunner Runner(IProjection projection, NpgsqlDataSource? dataSource = null) =>
        new(projection, dataSource ?? db.DataSource, db.Store, db.Notifier, Fast, NullLogger<ProjectionRunner>.Instance);

    private async Task<long> TotalEvents()
    {
        await using var command = db.DataSource.CreateCommand("select count(*) from ledger.events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> Checkpoint(string projection)
    {
        await using var command = db.DataSource.CreateCommand("select position from ledger.projection_checkpoints where projection = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection });
        return await command.ExecuteScalarAsync() is long p ? p : 0;
    }

    [Fact]
    public async Task GivenHistoryAndLiveAppends_WhenRunning_ThenEveryEventIsAppliedOnceAndTheCheckpointFollows()
    {
        await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, Events.Many(120));
        var projection = await NewProjection();
        using var runner = Runner(projection);
        await runner.StartAsync(CancellationToken.None);

        var live = await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, Events.Many(30));
        await runner.WaitForPositionAsync(live.LogPosition, TimeSpan.FromSeconds(20));
        await runner.StopAsync(CancellationToken.None);

        var (rows, maxApplied) = await projection.CountAsync(db.DataSource);
        rows.ShouldBe(await TotalEvents());
        maxApplied.ShouldBe(1);
        (await Checkpoint(projection.Name)).ShouldBe(live.LogPosition.Value);
        runner.State.ShouldBe(ProjectionState.Stopped);
    }

    [Fact]
    public async Task GivenAProjectionBehindTheLog_ThenItsStatusReportsPositionLagAndParkedEvents()
    {
        var projection = await NewProjection();
        var poison = Events.Any("test.unreadable.v1");
        projection.IsPoison = e => e.EventId == poison.EventId;
        var reader = new ProjectionStatusReader(db.DataSource, db.Store, []);
        var appended = await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, [.. Events.Many(30), poison]);
        await Probe.UntilAsync(async () => await db.Store.ReadHeadPositionAsync() >= appended.LogPosition);

        var before = await reader.ReadAsync(projection.Name, ProjectionState.Stopped);
        using (var runner = Runner(projection))
        {
            await runner.StartAsync(CancellationToken.None);
            await runner.WaitForPositionAsync(appended.LogPosition, TimeSpan.FromSeconds(20));
            await runner.StopAsync(CancellationToken.None);
        }

        var after = await reader.ReadAsync(projection.Name, ProjectionState.Stopped);

        before.Position.ShouldBe(Position.Start);
        before.EventsBehind.ShouldBeGreaterThanOrEqualTo(31);
        after.Position.ShouldBeGreaterThanOrEqualTo(appended.LogPosition);
        after.ParkedEvents.ShouldBe(1);
        after.UpdatedAt.ShouldNotBeNull();
        (after.EventsBehind < before.EventsBehind).ShouldBeTrue();
    }

    [Fact]
    public async Task GivenACrashBetweenApplyAndCommit_WhenTheRunnerResumes_ThenNoEventIsAppliedTwiceOrSkipped()
    {
        var events = Events.Many(200);
        await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, events);
        var head = await db.Store.ReadHeadPositionAsync();
        var projection = await NewProjection();
        var crashAt = new System.Collections.Concurrent.ConcurrentDictionary<Guid, bool>
        {
            [events[0].EventId] = true,
            [events[149].EventId] = true,
        };
        projection.AfterApply = async (e, connection) =>
        {
            // The database session dies after the row is written and before the commit, as it would if
            // Ledger's process were killed at that instant: the server rolls the transaction back.
            if (crashAt.TryRemove(e.EventId, out _))
            {
                await using var kill = new NpgsqlCommand("select pg_terminate_backend(pg_backend_pid())", connection);
                await kill.ExecuteNonQueryAsync();
            }
        };
        using (var runner = Runner(projection))
        {
            await runner.StartAsync(CancellationToken.None);
            await runner.WaitForPositionAsync(head, TimeSpan.FromSeconds(20));
            await runner.StopAsync(CancellationToken.None);
        }

        crashAt.ShouldBeEmpty("both crashes must have happened");
        // And a fresh runner, as after a restart of the process, finds nothing left to do twice.
        projection.AfterApply = null;
        using (var restarted = Runner(projection))
        {
            await restarted.StartAsync(CancellationToken.None);
            var more = await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, Events.Many(5));
            await restarted.WaitForPositionAsync(more.LogPosition, TimeSpan.FromSeconds(20));
            await restarted.StopAsync(CancellationToken.None);
        }

        var (rows, maxApplied) = await projection.CountAsync(db.DataSource);
        rows.ShouldBe(await TotalEvents());
        maxApplied.ShouldBe(1);
    }

    [Fact]
    public async Task GivenTwoProcessesRunningTheSameProjection_ThenOnlyOneWorksAndTheOtherTakesOverWhenItStops()
    {
        var projection = await NewProjection();
        await using var otherProcessDataSource = NpgsqlDataSource.Create(db.ConnectionString);
        using var first = Runner(projection);
        using var second = Runner(projection, otherProcessDataSource);
        await first.StartAsync(CancellationToken.None);
        await Probe.UntilAsync(() => first.State == ProjectionState.Running);
        await second.StartAsync(CancellationToken.None);
        await Probe.UntilAsync(() => second.State == ProjectionState.Standby);

        var before = await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, Events.Many(40));
        await first.WaitForPositionAsync(before.LogPosition, TimeSpan.FromSeconds(20));
        second.State.ShouldBe(ProjectionState.Standby);
        second.Position.ShouldBe(Position.Start);

        await first.StopAsync(CancellationToken.None);
        await Probe.UntilAsync(() => second.State == ProjectionState.Running, because: "the standby to take over");
        var after = await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, Events.Many(40));
        await second.WaitForPositionAsync(after.LogPosition, TimeSpan.FromSeconds(20));
        await second.StopAsync(CancellationToken.None);

        var (rows, maxApplied) = await projection.CountAsync(db.DataSource);
        rows.ShouldBe(await TotalEvents());
        maxApplied.ShouldBe(1);
    }

    [Fact]
    public async Task GivenAnEventThatAlwaysFails_ThenItIsParkedWithItsErrorAndTheRestStillApply()
    {
        var projection = await NewProjection();
        var poison = Events.Any("shopify.order-created.v1", """{"broken":true}""");
        projection.IsPoison = e => e.EventId == poison.EventId;
        await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, [.. Events.Many(10), poison, .. Events.Many(10)]);
        var last = await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, Events.Many(5));
        using var runner = Runner(projection);

        await runner.StartAsync(CancellationToken.None);
        await runner.WaitForPositionAsync(last.LogPosition, TimeSpan.FromSeconds(20));
        await runner.StopAsync(CancellationToken.None);

        var (rows, maxApplied) = await projection.CountAsync(db.DataSource);
        rows.ShouldBe(await TotalEvents() - 1);
        maxApplied.ShouldBe(1);
        await using var parked = db.DataSource.CreateCommand("select event_id, event_type, error, attempts from ledger.parked_events where projection = $1");
        parked.Parameters.Add(new NpgsqlParameter<string> { TypedValue = projection.Name });
        await using var reader = await parked.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetGuid(0).ShouldBe(poison.EventId);
        reader.GetString(1).ShouldBe("shopify.order-created.v1");
        reader.GetString(2).ShouldContain("Cannot read shopify.order-created.v1");
        reader.GetInt32(3).ShouldBe(Fast.MaxAttempts);
        (await reader.ReadAsync()).ShouldBeFalse();
    }
}
