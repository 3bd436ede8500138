namespace Ledger.Application.Inbound;

/// <summary>What became of a delivery from a source; the API turns each case into its HTTP answer.</summary>
public abstract record InboundResult
{
    private InboundResult()
    {
    }

    /// <summary>Recorded now, or recognised as already recorded (<see cref="RecordOutcome.Duplicate"/>): 200.</summary>
    public sealed record Recorded(RecordOutcome Outcome) : InboundResult;

    /// <summary>Forged, missing or stale credentials: 401, nothing appended.</summary>
    public sealed record Unauthorized(string Reason) : InboundResult;

    /// <summary>Malformed or incomplete: 400 naming the field, nothing appended.</summary>
    public sealed record Invalid(string Field, string Message) : InboundResult;

    /// <summary>Understood and deliberately not recorded (e.g. WooCommerce's save-time ping): 200.</summary>
    public sealed record Ignored(string Reason) : InboundResult;
}
