using Ledger.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Authentication;

namespace Ledger.Api.Security;

public static class SecurityRegistration
{
    /// <summary>
    /// API key authentication as the default scheme, the role policies, and the keys named in
    /// <c>Ledger:ApiKeys:Seed</c> (development's three; elsewhere, at most a first admin key).
    /// Must come after the infrastructure, whose migrations create the key table before the seeder runs.
    /// </summary>
    public static IServiceCollection AddLedgerSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton(configuration.GetSection(ApiKeyOptions.Section).Get<ApiKeyOptions>() ?? new ApiKeyOptions());
        services.AddHostedService<ApiKeySeeder>();
        services.AddAuthentication(ApiKeyAuthenticationDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationDefaults.Scheme, null);
        services.AddAuthorization(LedgerPolicies.Add);
        return services;
    }
}
