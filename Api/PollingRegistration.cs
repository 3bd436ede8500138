using Ledger.Application.Connectors.InPost;
using Ledger.Application.Connectors.Linnworks;
using Ledger.Application.Connectors.Peoplevox;
using Ledger.Application.Connectors.WooCommerce;
using Ledger.Infrastructure.Connectors;
using Ledger.Infrastructure.Connectors.InPost;
using Ledger.Infrastructure.Connectors.Linnworks;
using Ledger.Infrastructure.Connectors.Peoplevox;
using Ledger.Infrastructure.Connectors.WooCommerce;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Ledger.Api;

/// <summary>
/// The pollers: Linnworks (no webhooks at all), and fallbacks for what WooCommerce, Peoplevox and InPost
/// never push or may lose. Each is off unless <c>Connectors:{System}:Polling:Enabled</c>; development turns
/// them on against the demo simulators.
/// </summary>
public static class PollingRegistration
{
    public static IServiceCollection AddLedgerPolling(this IServiceCollection services, IConfiguration configuration)
    {
        // AddLedgerInbound binds the same option records; TryAdd keeps one instance of each.
        services.TryAddSingleton(configuration.GetSection(LinnworksOptions.Section).Get<LinnworksOptions>() ?? new LinnworksOptions());
        services.TryAddSingleton(configuration.GetSection(WooCommerceOptions.Section).Get<WooCommerceOptions>() ?? new WooCommerceOptions());
        services.TryAddSingleton(configuration.GetSection(PeoplevoxOptions.Section).Get<PeoplevoxOptions>() ?? new PeoplevoxOptions());
        services.TryAddSingleton(configuration.GetSection(InPostOptions.Section).Get<InPostOptions>() ?? new InPostOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectorCheckpoints>();

        // A poll is several requests every interval: per-request HttpClient and Polly attempt logs would bury the
        // pollers' own lines. Retries (warnings) and failures still show.
        services.AddLogging(logging =>
        {
            logging.AddFilter("Polly", LogLevel.Warning);
            foreach (var client in new[] { LinnworksClient.HttpClientName, WooCommerceReconciliationPoller.HttpClientName, PeoplevoxSoapClient.HttpClientName, InPostPointsPoller.HttpClientName })
            {
                logging.AddFilter($"System.Net.Http.HttpClient.{client}", LogLevel.Warning);
            }
        });

        services.AddSingleton<LinnworksRateLimits>();
        services.AddTransient<LinnworksRateLimitHandler>();
        var linnworks = services.AddHttpClient(LinnworksClient.HttpClientName);
        linnworks.AddStandardResilienceHandler(Resilience);
        // Inside the resilience handler, so every attempt (retries too) takes a permit of the endpoint's quota.
        linnworks.AddHttpMessageHandler<LinnworksRateLimitHandler>();
        services.AddSingleton<LinnworksClient>();
        services.AddHostedService<LinnworksOrderPoller>();

        services.AddHttpClient(WooCommerceReconciliationPoller.HttpClientName).AddStandardResilienceHandler(Resilience);
        services.AddHostedService<WooCommerceReconciliationPoller>();

        services.AddHttpClient(PeoplevoxSoapClient.HttpClientName).AddStandardResilienceHandler(Resilience);
        services.AddSingleton<PeoplevoxSoapClient>();
        services.AddHostedService<PeoplevoxDespatchPoller>();

        services.AddHttpClient(InPostPointsPoller.HttpClientName).AddStandardResilienceHandler(Resilience);
        services.TryAddSingleton<ILockerPointsToWatch, LockerPointsToWatch>();
        services.AddHostedService<InPostPointsPoller>();
        return services;
    }

    /// <summary>
    /// Retries 5xx, 408, 429 (waiting as long as Retry-After says) and time-outs with exponential back-off
    /// and jitter. The polls are reads, so every method is safe to repeat. Reports and order books can be
    /// slow, hence longer time-outs than the defaults.
    /// </summary>
    private static void Resilience(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
        options.Retry.UseJitter = true;
        options.Retry.BackoffType = Polly.DelayBackoffType.Exponential;
    }
}
