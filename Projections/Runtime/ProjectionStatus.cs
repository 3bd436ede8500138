using Ledger.Application.Abstractions.EventStore;
using Npgsql;

namespace Ledger.Projections.Runtime;

/// <summary>
/// Where a projection stands: its checkpoint, how far behind the log's head it is (in events, capped, and
/// in time), whether this process runs it, and how many events it has parked.
/// </summary>
public sealed record ProjectionStatus(
    string Name,
    ProjectionState State,
    Position Position,
    Position Head,
    long EventsBehind,
    bool EventsBehindIsCapped,
    TimeSpan TimeBehind,
    long ParkedEvents,
    DateTimeOffset? UpdatedAt);

/// <summary>Reads projections' status from the database; the state comes from this process's runners.</summary>
public sealed class ProjectionStatusReader(NpgsqlDataSource dataSource, IEventStore store, IEnumerable<ProjectionRunner> runners)
{
    /// <summary>Counting further than this would make the status page slow while a projection rebuilds.</summary>
    public const long LagCountCap = 100_000;

    public async Task<IReadOnlyList<ProjectionStatus>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var statuses = new List<ProjectionStatus>();
        foreach (var runner in runners)
        {
            statuses.Add(await ReadAsync(runner.Name, runner.State, cancellationToken));
        }

        return statuses;
    }

    public async Task<ProjectionStatus> ReadAsync(string name, ProjectionState state, CancellationToken cancellationToken = default)
    {
        var head = await store.ReadHeadPositionAsync(cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            with checkpoint as (
                select coalesce((select position from ledger.projection_checkpoints where projection = $1), 0) as position,
                       (select updated_at from ledger.projection_checkpoints where projection = $1) as updated_at),
                 head as (select $2::bigint as position)
            select checkpoint.position, head.position, checkpoint.updated_at,
                   (select count(*) from (select 1 from ledger.events e where e.position > checkpoint.position and e.position <= head.position limit {LagCountCap + 1}) behind),
                   coalesce((select max(recorded_at) from ledger.events where position = head.position)
                          - (select recorded_at from ledger.events where position = checkpoint.position), interval '0'),
                   (select count(*) from ledger.parked_events where projection = $1)
              from checkpoint, head
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var behind = reader.GetInt64(3);
        var timeBehind = reader.GetFieldValue<TimeSpan>(4);
        return new ProjectionStatus(
            name,
            state,
            new Position(reader.GetInt64(0)),
            new Position(reader.GetInt64(1)),
            Math.Min(behind, LagCountCap),
            behind > LagCountCap,
            behind == 0 ? TimeSpan.Zero : timeBehind < TimeSpan.Zero ? TimeSpan.Zero : timeBehind,
            reader.GetInt64(5),
            reader.IsDBNull(2) ? null : new DateTimeOffset(reader.GetDateTime(2)));
    }
}
