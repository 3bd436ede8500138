namespace Ledger.Application.Connectors.Linnworks;

/// <summary>Linnworks' API: an application installed on the account, and how Ledger polls it (Linnworks has no webhooks).</summary>
public sealed record LinnworksOptions
{
    public const string Section = "Connectors:Linnworks";

    /// <summary>Where <c>/api/Auth/AuthorizeByApplication</c> lives; later calls go to the session's own <c>Server</c>.</summary>
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:5090/linnworks");

    public string ApplicationId { get; init; } = string.Empty;

    public string ApplicationSecret { get; init; } = string.Empty;

    /// <summary>The long-lived installation token; each session is authorised with it again.</summary>
    public string InstallationToken { get; init; } = string.Empty;

    public LinnworksPollingOptions Polling { get; init; } = new();

    public LinnworksRateLimitOptions RateLimits { get; init; } = new();
}

public sealed record LinnworksPollingOptions
{
    public bool Enabled { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Entries per page of open orders and of processed-order searches.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>How far back the first search of the processed book reaches, before any checkpoint exists.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Each search starts this long before the checkpoint, so an order stamped just before the previous
    /// search but committed after it is not missed; the repeats are recognised and append nothing.
    /// </summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>Linnworks' published per-endpoint quotas, kept on Ledger's side so the poll never earns a 429.</summary>
public sealed record LinnworksRateLimitOptions
{
    public int DefaultPerMinute { get; init; } = 150;

    public int HighPerMinute { get; init; } = 250;

    /// <summary>Endpoints (<c>Controller/Method</c>) the vendor lists at the higher quota; a trailing <c>*</c> matches a prefix.</summary>
    public IReadOnlyList<string> HighLimitEndpoints { get; init; } =
    [
        "Orders/GetOpenOrders", "Orders/ProcessOrder", "Orders/ProcessOrdersInBatch", "Orders/SetOrderShippingInfo",
        "Orders/SetOrderGeneralInfo", "Orders/GetOrdersById", "Stock/SetStockLevel", "Stock/GetStockLevel*",
        "OpenOrders/AssignOrderIdentifier",
    ];

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);
}
