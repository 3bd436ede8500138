namespace Ledger.Application.Connectors.Peoplevox;

public sealed record PeoplevoxOptions
{
    public const string Section = "Connectors:Peoplevox";

    /// <summary>
    /// Peoplevox does not sign callbacks: each subscription's URL carries a secret <c>token</c> query
    /// parameter instead (current and previous during a rotation).
    /// </summary>
    public IReadOnlyList<string> CallbackTokens { get; init; } = [];
}
