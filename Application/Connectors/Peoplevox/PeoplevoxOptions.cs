namespace Ledger.Application.Connectors.Peoplevox;

public sealed record PeoplevoxOptions
{
    public const string Section = "Connectors:Peoplevox";

    /// <summary>
    /// Peoplevox does not sign callbacks: each subscription's URL carries a secret <c>token</c> query
    /// parameter instead (current and previous during a rotation).
    /// </summary>
    public IReadOnlyList<string> CallbackTokens { get; init; } = [];

    /// <summary>The host; the SOAP service is <c>{BaseUrl}/{ClientId}/resources/integrationservicev4.asmx</c>.</summary>
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:5090/peoplevox");

    public string ClientId { get; init; } = string.Empty;

    public string UserName { get; init; } = string.Empty;

    /// <summary>Sent base64-encoded, as Authenticate expects.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>The Despatch summary fallback poll, for TrackingNumberReceived callbacks that never arrived.</summary>
    public PeoplevoxPollingOptions Polling { get; init; } = new();
}

public sealed record PeoplevoxPollingOptions
{
    public bool Enabled { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Only despatches at least this old are looked at: until then the callback may still come.</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Each search starts this long before the checkpoint (the report keeps whole seconds).</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back the first search reaches, before any checkpoint exists.</summary>
    public TimeSpan InitialLookback { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Report rows per page (a row is one item of a despatch).</summary>
    public int PageSize { get; init; } = 500;
}
