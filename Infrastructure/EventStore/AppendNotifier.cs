using Ledger.Application.Abstractions.EventStore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Infrastructure.EventStore;

/// <summary>
/// Wakes readers after appends. Readers in this process are woken at once; other processes through
/// PostgreSQL's LISTEN/NOTIFY. The NOTIFY is sent after the append commits, from a connection of its own,
/// and coalesced: a NOTIFY inside the append's transaction would take PostgreSQL's database-wide notify
/// lock until commit and serialise every append behind it.
/// </summary>
public sealed class AppendNotifier(NpgsqlDataSource dataSource, ILogger<AppendNotifier> logger) : BackgroundService, IAppendNotifications
{
    public const string Channel = "ledger_appends";

    private readonly SemaphoreSlim _notifyPending = new(0, 1);
    private TaskCompletionSource _next = NewSignal();
    private int _pending;

    public Task NextAppend => Volatile.Read(ref _next).Task;

    /// <summary>Called after an append commits in this process.</summary>
    public void Signal()
    {
        Wake();
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _notifyPending.Release();
        }
    }

    private void Wake() => Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), NotifyAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Appends that happened while we were not listening are found by the readers' next poll,
                // but waking them now shortens that gap.
                Wake();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                logger.LogWarning(e, "Lost the LISTEN connection; readers fall back to polling until it is back");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task NotifyAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _notifyPending.WaitAsync(stoppingToken);
                Interlocked.Exchange(ref _pending, 0);

                // A NOTIFY commits a transaction of its own; it need not wait for a disk flush, because
                // a lost wake-up only costs a reader one poll interval.
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
                await using (var command = new NpgsqlCommand($"set local synchronous_commit = off; notify {Channel}", connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(stoppingToken);
                }

                await transaction.CommitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                logger.LogWarning(e, "Could not NOTIFY other processes of an append; they will find it by polling");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Dispose()
    {
        _notifyPending.Dispose();
        base.Dispose();
    }
}
