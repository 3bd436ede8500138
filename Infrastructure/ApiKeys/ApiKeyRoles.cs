namespace Ledger.Infrastructure.ApiKeys;

/// <summary>
/// The roles a key can carry, from least to most: <see cref="Reader"/> sees views, <see cref="Operator"/>
/// also works exceptions and retries, <see cref="Admin"/> also changes mappings, rebuilds views and manages keys.
/// </summary>
public static class ApiKeyRoles
{
    public const string Reader = "reader";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Operator, Admin];

    public static bool IsKnown(string? role) => role is Reader or Operator or Admin;
}
