namespace Ledger.Testing;

/// <summary>Waits for an asynchronous effect by polling with a deadline, never by a fixed sleep.</summary>
public static class Probe
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting{(because is null ? string.Empty : " for " + because)} after {timeout ?? TimeSpan.FromSeconds(15)}.");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, because);
}
