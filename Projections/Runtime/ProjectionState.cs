namespace Ledger.Projections.Runtime;

public enum ProjectionState
{
    /// <summary>Not started yet in this process.</summary>
    Stopped,

    /// <summary>Another process holds the projection's lock; this one waits to take over.</summary>
    Standby,

    /// <summary>Holds the lock and applies events.</summary>
    Running,

    /// <summary>Lost the database and is reconnecting.</summary>
    Reconnecting,

    /// <summary>Failed for a reason of its own (not an event's) and retries; see the log.</summary>
    Faulted,
}
