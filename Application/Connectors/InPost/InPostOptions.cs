namespace Ledger.Application.Connectors.InPost;

public sealed record InPostOptions
{
    public const string Section = "Connectors:InPost";

    /// <summary>ShipX does not sign webhooks: Ledger checks a secret <c>token</c> query parameter (current and previous).</summary>
    public IReadOnlyList<string> WebhookTokens { get; init; } = [];

    /// <summary>
    /// Addresses webhooks may come from, as CIDR ranges. InPost sends from 91.216.25.0/24; loopback is
    /// there for the simulator. An empty list accepts any address (the token is still required).
    /// </summary>
    public IReadOnlyList<string> AllowedSources { get; init; } = ["91.216.25.0/24", "127.0.0.0/8", "::1/128"];

    /// <summary>ShipX's root; the Points API is <c>{BaseUrl}/v1/points/{name}</c> and needs no token.</summary>
    public Uri BaseUrl { get; init; } = new("http://127.0.0.1:5090/inpost");

    /// <summary>Locker points always watched, besides those open orders are addressed to.</summary>
    public IReadOnlyList<string> WatchedPoints { get; init; } = [];

    /// <summary>How far back a channel order still counts as open when choosing which locker points to watch.</summary>
    public TimeSpan OpenOrderWindow { get; init; } = TimeSpan.FromDays(14);

    /// <summary>The Points API poll, so a locker that stops operating is known before parcels are sent to it.</summary>
    public InPostPollingOptions Polling { get; init; } = new();
}

public sealed record InPostPollingOptions
{
    public bool Enabled { get; init; }

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);
}
