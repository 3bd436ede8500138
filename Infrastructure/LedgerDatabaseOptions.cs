namespace Ledger.Infrastructure;

/// <summary>Where Ledger keeps its log and read models.</summary>
public sealed record LedgerDatabaseOptions
{
    public const string ConnectionStringName = "Ledger";

    /// <summary>An Npgsql connection string. Empty means: start a private embedded cluster.</summary>
    public string? ConnectionString { get; init; }
}
