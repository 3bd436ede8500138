namespace Ledger.Projections.Runtime;

public sealed record ProjectionRunnerOptions
{
    /// <summary>Events applied per transaction while catching up.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How often a live runner re-reads the log when no notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a standby runner tries to take over the projection's lock.</summary>
    public TimeSpan StandbyRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts at one failing event before it is parked.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Pause after losing the database before trying again.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
}
