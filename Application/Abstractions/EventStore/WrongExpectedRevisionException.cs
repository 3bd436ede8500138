namespace Ledger.Application.Abstractions.EventStore;

/// <summary>The stream was not in the state the writer expected; nothing was appended.</summary>
public sealed class WrongExpectedRevisionException : Exception
{
    public WrongExpectedRevisionException(StreamName stream, ExpectedRevision expected, long actual)
        : base($"Stream '{stream}' expected at revision '{expected}' but its last revision is {(actual < 0 ? "none (no stream)" : actual.ToString(System.Globalization.CultureInfo.InvariantCulture))}.")
    {
        Stream = stream;
        Expected = expected;
        ActualRevision = actual;
    }

    public StreamName Stream { get; }

    public ExpectedRevision Expected { get; }

    /// <summary>The stream's last revision when the append was refused, -1 when it did not exist.</summary>
    public long ActualRevision { get; }
}
