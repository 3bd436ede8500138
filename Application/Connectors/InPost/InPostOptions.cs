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
}
