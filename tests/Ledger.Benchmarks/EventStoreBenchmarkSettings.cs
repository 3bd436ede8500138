namespace Ledger.Benchmarks;

/// <summary>What the <c>eventstore</c> command measures and for how long.</summary>
internal sealed record EventStoreBenchmarkSettings(TimeSpan Duration, TimeSpan Warmup, long LogSize, IReadOnlyList<int> Writers, bool Statements, bool Notifier, string? ConnectionSettings)
{
    public string? Validate()
    {
        if (Duration <= TimeSpan.Zero)
        {
            return "--duration must be at least 1 second.";
        }

        if (LogSize <= 0)
        {
            return "--log-size must be positive.";
        }

        if (Writers.Count == 0 || Writers.Any(w => w is < 1 or > 60))
        {
            // The pool holds 64 connections; the notifier needs two of them.
            return "--writers takes counts from 1 to 60.";
        }

        return null;
    }
}
