namespace Ledger.Simulators.Faults;

/// <summary>One piece of misbehaviour, applied to exactly one wire-API request.</summary>
public abstract record Fault
{
    private Fault()
    {
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (rounded up).</summary>
    public static Fault TooManyRequests(TimeSpan retryAfter) => new TooManyRequestsFault(retryAfter);

    /// <summary>503 with an empty body.</summary>
    public static Fault ServiceUnavailable() => new ServiceUnavailableFault();

    /// <summary>Holds the request for <paramref name="hold"/> (real time, not scaled), then drops the connection.</summary>
    public static Fault Timeout(TimeSpan hold) => new TimeoutFault(hold);

    /// <summary>The system's own error shape (Shopify 422, Woo error object, ShipX validation_failed…).</summary>
    public static Fault Reject(string? message = null) => new RejectFault(message);

    public sealed record TooManyRequestsFault(TimeSpan RetryAfter) : Fault;

    public sealed record ServiceUnavailableFault : Fault;

    public sealed record TimeoutFault(TimeSpan Hold) : Fault;

    public sealed record RejectFault(string? Message) : Fault;
}
