using Ledger.Application.Connectors.Shopify;
using Ledger.Application.Inbound;

namespace Ledger.Api;

/// <summary>The inbound connectors, with their secrets from configuration (development defaults in appsettings.Development.json).</summary>
public static class InboundRegistration
{
    public static IServiceCollection AddLedgerInbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InboundMetrics>();
        services.AddSingleton<InboundRecorder>();
        services.AddSingleton(configuration.GetSection(ShopifyOptions.Section).Get<ShopifyOptions>() ?? new ShopifyOptions());
        services.AddSingleton<ShopifyWebhookReceiver>();
        return services;
    }
}
