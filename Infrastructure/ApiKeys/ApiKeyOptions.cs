namespace Ledger.Infrastructure.ApiKeys;

/// <summary>
/// <c>Ledger:ApiKeys</c>. <see cref="Seed"/> lists keys that must exist at start-up: development's three
/// well-known keys, or elsewhere the first admin key, since every other key is created through that one.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Ledger:ApiKeys";

    public IList<ApiKeySeed> Seed { get; init; } = [];
}

public sealed class ApiKeySeed
{
    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}
