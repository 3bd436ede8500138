namespace Ledger.Application.Connectors.Acs;

public sealed record AcsOptions
{
    public const string Section = "Connectors:Acs";

    /// <summary>Bearer keys ACS presents when it posts files and messages (current and previous).</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>A folder ACS's daily file may be dropped into instead of posted; empty to not watch one.</summary>
    public string? DropFolder { get; init; }
}
