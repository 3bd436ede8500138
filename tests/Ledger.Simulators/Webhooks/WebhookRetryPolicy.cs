namespace Ledger.Simulators.Webhooks;

/// <summary>
/// How a system retries a failed delivery. Delays are real-world durations; the sender scales them by
/// TimeScale. The per-attempt timeout is not scaled: it is a limit on Ledger's real response time.
/// </summary>
public abstract class WebhookRetryPolicy
{
    protected WebhookRetryPolicy(TimeSpan attemptTimeout) => AttemptTimeout = attemptTimeout;

    public TimeSpan AttemptTimeout { get; }

    /// <summary>No retries (WooCommerce).</summary>
    public static WebhookRetryPolicy None(TimeSpan attemptTimeout, int maxSuccessStatus = 299) =>
        new NoRetry(attemptTimeout, maxSuccessStatus);

    /// <summary><paramref name="retries"/> retries, waiting first, first×factor, first×factor²…</summary>
    public static WebhookRetryPolicy Exponential(int retries, TimeSpan first, TimeSpan attemptTimeout, double factor = 2) =>
        new ExponentialRetry(retries, first, factor, attemptTimeout);

    /// <summary>The real-world delay before retry number <paramref name="failedAttempts"/>, or null to give up.</summary>
    public abstract TimeSpan? DelayBeforeRetry(int failedAttempts);

    public virtual bool IsSuccess(int statusCode) => statusCode is >= 200 and <= 299;

    private sealed class NoRetry(TimeSpan attemptTimeout, int maxSuccessStatus) : WebhookRetryPolicy(attemptTimeout)
    {
        public override TimeSpan? DelayBeforeRetry(int failedAttempts) => null;

        public override bool IsSuccess(int statusCode) => statusCode >= 200 && statusCode <= maxSuccessStatus;
    }

    private sealed class ExponentialRetry(int retries, TimeSpan first, double factor, TimeSpan attemptTimeout)
        : WebhookRetryPolicy(attemptTimeout)
    {
        public override TimeSpan? DelayBeforeRetry(int failedAttempts) =>
            failedAttempts > retries ? null : first * Math.Pow(factor, failedAttempts - 1);
    }
}
