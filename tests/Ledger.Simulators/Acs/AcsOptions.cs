namespace Ledger.Simulators.Acs;

public sealed record AcsOptions
{
    /// <summary>Bearer key in both directions.</summary>
    public string ApiKey { get; init; } = "acs-dev-key";

    /// <summary>
    /// When set, the daily stock file is written into this folder (as a file drop) instead of being
    /// POSTed to Ledger's <c>/imports/acs/stock</c>.
    /// </summary>
    public string? StockDropFolder { get; init; }

    /// <summary>Publishes the stock file on this real-world interval (scaled by TimeScale); null = only on demand.</summary>
    public TimeSpan? StockFileInterval { get; init; }

    /// <summary>How long a message to Ledger waits for an answer. ACS is not known to retry; none are made.</summary>
    public TimeSpan CallbackTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
