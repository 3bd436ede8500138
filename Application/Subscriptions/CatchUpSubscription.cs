using System.Runtime.CompilerServices;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Application.Subscriptions;

/// <summary>
/// Follows <c>$all</c> from a checkpoint: reads history in batches, then stays live, woken by append
/// notifications and polling as the fallback. It never skips an event, because the store only hands out
/// events below the oldest running transaction; it never repeats one, because it resumes after the last
/// position it yielded. Storing the checkpoint is the subscriber's job, ideally in the same transaction
/// as its effects.
/// </summary>
public sealed class CatchUpSubscription(IEventStore store, IAppendNotifications notifications)
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; init; } = 500;

    /// <summary>Yields non-empty batches in position order, forever (until cancelled).</summary>
    public async IAsyncEnumerable<IReadOnlyList<RecordedEvent>> ReadBatchesAsync(
        Position after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var checkpoint = after;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = notifications.NextAppend;
            var batch = new List<RecordedEvent>(BatchSize);
            await foreach (var e in store.ReadAllAsync(checkpoint, BatchSize, cancellationToken))
            {
                batch.Add(e);
            }

            if (batch.Count > 0)
            {
                checkpoint = batch[^1].Position;
                yield return batch;
                if (batch.Count == BatchSize)
                {
                    continue;
                }
            }

            await wake.WaitOrPollAsync(PollInterval, cancellationToken);
        }
    }

    /// <summary>Yields events one by one in position order, forever (until cancelled).</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAsync(Position after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in ReadBatchesAsync(after, cancellationToken))
        {
            foreach (var e in batch)
            {
                yield return e;
            }
        }
    }
}
