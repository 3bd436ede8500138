using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Subscriptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Projections.Runtime;

/// <summary>
/// Runs one projection: follows <c>$all</c> from the projection's checkpoint and applies each batch in one
/// transaction that also moves the checkpoint, so a crash can neither apply an event twice nor skip it.
/// A session advisory lock, held on the very connection that writes, keeps it to one runner at a time
/// across every Ledger process on the database. An event that keeps failing is parked and skipped.
/// </summary>
public sealed class ProjectionRunner(
    IProjection projection,
    NpgsqlDataSource dataSource,
    IEventStore store,
    IAppendNotifications notifications,
    ProjectionRunnerOptions options,
    ILogger<ProjectionRunner> logger) : BackgroundService
{
    private long _position;
    private int _state = (int)ProjectionState.Stopped;

    public string Name => projection.Name;

    public ProjectionState State => (ProjectionState)Volatile.Read(ref _state);

    /// <summary>The last position this runner committed (zero until it has run).</summary>
    public Position Position => new(Interlocked.Read(ref _position));

    /// <summary>Completes once this runner has committed a checkpoint at or beyond <paramref name="position"/>.</summary>
    public async Task WaitForPositionAsync(Position position, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (Position < position)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    internal static long LockKey(string name) =>
        // Stable across processes and runs (string.GetHashCode is randomised per process).
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("ledger.projection:" + name)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLock(connection, stoppingToken))
                {
                    SetState(ProjectionState.Standby);
                    await Task.Delay(options.StandbyRetryInterval, stoppingToken);
                    continue;
                }

                SetState(ProjectionState.Running);
                logger.LogInformation("Projection {Projection} runs here", Name);
                try
                {
                    await RunWhileLocked(connection, stoppingToken);
                }
                finally
                {
                    await Unlock(connection);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (IsTransient(e))
            {
                SetState(ProjectionState.Reconnecting);
                logger.LogWarning(e, "Projection {Projection} lost the database; it resumes from its checkpoint", Name);
                await Task.Delay(options.ReconnectDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not an event's fault (those are parked) but the runner's own, e.g. a missing table:
                // keep trying, loudly, rather than let the hosted service die silently.
                SetState(ProjectionState.Faulted);
                logger.LogError(e, "Projection {Projection} failed; retrying from its checkpoint", Name);
                await Task.Delay(options.ReconnectDelay * 5, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        SetState(ProjectionState.Stopped);
    }

    private async Task<bool> TryLock(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey(Name) });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// A pooled connection keeps its session, and with it the lock, until it is reused; release the lock
    /// explicitly so a standby can take over at once.
    /// </summary>
    private async Task Unlock(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey(Name) });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException)
        {
            // The session is gone, and the server released the lock with it.
            logger.LogDebug(e, "Could not unlock projection {Projection}; its session is gone", Name);
        }
    }

    private async Task RunWhileLocked(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(
            """
            with created as (insert into ledger.projection_checkpoints (projection) values ($1) on conflict do nothing returning position)
            select position from created union all select position from ledger.projection_checkpoints where projection = $1
            """,
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
            Interlocked.Exchange(ref _position, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        var subscription = new CatchUpSubscription(store, notifications) { BatchSize = options.BatchSize, PollInterval = options.PollInterval };
        await foreach (var batch in subscription.ReadBatchesAsync(Position, cancellationToken))
        {
            try
            {
                await Commit(connection, batch, parked: null, cancellationToken);
            }
            catch (Exception e) when (!IsTransient(e) && e is not OperationCanceledException)
            {
                // Something in the batch fails: go one event at a time to find it, so the others still apply.
                logger.LogWarning(e, "Projection {Projection} failed on a batch; applying it event by event", Name);
                foreach (var single in batch)
                {
                    await ApplyWithRetries(connection, single, cancellationToken);
                }
            }
        }
    }

    private async Task ApplyWithRetries(NpgsqlConnection connection, RecordedEvent e, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Commit(connection, [e], parked: null, cancellationToken);
                return;
            }
            catch (Exception error) when (!IsTransient(error) && error is not OperationCanceledException)
            {
                if (attempt < options.MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
                    continue;
                }

                logger.LogError(error, "Projection {Projection} parked event {EventId} ({Type}) at {Position} after {Attempts} attempts",
                    Name, e.EventId, e.Type, e.Position, attempt);
                await Commit(connection, [e], parked: (error, attempt), cancellationToken);
                return;
            }
        }
    }

    private async Task Commit(NpgsqlConnection connection, IReadOnlyList<RecordedEvent> batch, (Exception Error, int Attempts)? parked, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (parked is { } p)
        {
            var e = batch[0];
            await using var park = new NpgsqlCommand(
                "insert into ledger.parked_events (projection, event_id, position, event_type, error, attempts) values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
                connection, transaction);
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
            park.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.EventId });
            park.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Position.Value });
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
            park.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{p.Error.GetType().Name}: {p.Error.Message}" });
            park.Parameters.Add(new NpgsqlParameter<int> { TypedValue = p.Attempts });
            await park.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            foreach (var e in batch)
            {
                await projection.ApplyAsync(e, connection, transaction, cancellationToken);
            }
        }

        // The compare-and-set is a second fence behind the lock: a runner that lost its lock unnoticed
        // cannot move the checkpoint another runner has already moved.
        await using var checkpoint = new NpgsqlCommand(
            "update ledger.projection_checkpoints set position = $1, updated_at = now() where projection = $2 and position = $3",
            connection, transaction);
        checkpoint.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batch[^1].Position.Value });
        checkpoint.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Name });
        checkpoint.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Position.Value });
        if (await checkpoint.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ProjectionOwnershipLostException(Name);
        }

        await transaction.CommitAsync(cancellationToken);
        Interlocked.Exchange(ref _position, batch[^1].Position.Value);
    }

    private static bool IsTransient(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" } => true,
        NpgsqlException { InnerException: IOException or TimeoutException } => true,
        IOException or TimeoutException or ProjectionOwnershipLostException => true,
        _ => false,
    };

    private void SetState(ProjectionState state) => Volatile.Write(ref _state, (int)state);
}

/// <summary>The checkpoint moved under a runner: another runner owns the projection now.</summary>
public sealed class ProjectionOwnershipLostException(string projection)
    : Exception($"Projection {projection}'s checkpoint moved under this runner; another runner owns it.");
