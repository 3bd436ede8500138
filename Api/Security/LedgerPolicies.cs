using Ledger.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Authorization;

namespace Ledger.Api.Security;

/// <summary>
/// The authorization policies endpoints name with <c>Policies(...)</c>: <see cref="Reader"/> for views,
/// <see cref="Operator"/> for exceptions and retries, <see cref="Admin"/> for mappings, rebuilds and keys.
/// Higher roles pass lower policies because their keys carry the lower roles too.
/// </summary>
public static class LedgerPolicies
{
    public const string Reader = ApiKeyRoles.Reader;
    public const string Operator = ApiKeyRoles.Operator;
    public const string Admin = ApiKeyRoles.Admin;

    internal static void Add(AuthorizationOptions options)
    {
        foreach (var role in ApiKeyRoles.All)
        {
            options.AddPolicy(role, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationDefaults.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(role));
        }
    }
}
