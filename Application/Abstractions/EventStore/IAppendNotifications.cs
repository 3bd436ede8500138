namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// Wakes readers of <c>$all</c> when events may have been appended, in this process or another.
/// A wake-up is a hint, never a guarantee: readers re-read, and poll as well.
/// </summary>
public interface IAppendNotifications
{
    /// <summary>
    /// Completes at the first append signal after it was read. Read it <em>before</em> reading the log,
    /// so that an append landing between the read and the wait is not missed.
    /// </summary>
    Task NextAppend { get; }
}

public static class AppendNotificationsExtensions
{
    /// <summary>Waits for <paramref name="nextAppend"/> or for <paramref name="pollInterval"/>, whichever is first.</summary>
    public static async Task WaitOrPollAsync(this Task nextAppend, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextAppend);
        try
        {
            await nextAppend.WaitAsync(pollInterval, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Polling is the fallback for a lost notification.
        }
    }
}
