namespace Ledger.Simulators.Peoplevox;

public sealed record PeoplevoxOptions
{
    public string ClientId { get; init; } = "ledgerdemo";

    public string UserName { get; init; } = "ledger";

    public string Password { get; init; } = "peoplevox-dev-password";

    /// <summary>Ledger's <c>token</c> query parameter on callback URLs.</summary>
    public string CallbackToken { get; init; } = "peoplevox-dev-token";

    /// <summary>
    /// Subscriptions that exist from start-up, as if registered earlier through SubscribeEvent; e.g.
    /// <c>PeoplevoxSubscriptionOptions.LedgerDefaults("peoplevox-dev-token")</c>.
    /// </summary>
    public IReadOnlyList<PeoplevoxSubscriptionOptions> Subscriptions { get; init; } = [];

    /// <summary>How long a callback waits for Ledger's answer (Peoplevox does not publish one; it never retries).</summary>
    public TimeSpan CallbackTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
