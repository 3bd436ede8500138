using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.ApiKeys;

/// <summary>
/// Puts the configured seed keys in place at start-up. Registered after the migrations' hosted service,
/// which hosted-service ordering runs to completion first, so the table exists.
/// </summary>
public sealed class ApiKeySeeder(ApiKeyStore store, ApiKeyOptions options, ILogger<ApiKeySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var seed in options.Seed)
        {
            var keyId = await store.EnsureAsync(seed.Name, seed.Role, seed.Key, cancellationToken);
            logger.LogInformation("API key {KeyId} ({Name}, {Role}) is configured", keyId, seed.Name, seed.Role);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
