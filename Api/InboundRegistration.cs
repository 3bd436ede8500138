using Ledger.Application.Connectors.Acs;
using Ledger.Application.Connectors.InPost;
using Ledger.Application.Connectors.Peoplevox;
using Ledger.Application.Connectors.Shopify;
using Ledger.Application.Connectors.WooCommerce;
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
        services.AddSingleton(configuration.GetSection(WooCommerceOptions.Section).Get<WooCommerceOptions>() ?? new WooCommerceOptions());
        services.AddSingleton<WooCommerceWebhookReceiver>();
        services.AddSingleton(configuration.GetSection(PeoplevoxOptions.Section).Get<PeoplevoxOptions>() ?? new PeoplevoxOptions());
        services.AddSingleton<PeoplevoxCallbackReceiver>();
        services.AddSingleton(configuration.GetSection(InPostOptions.Section).Get<InPostOptions>() ?? new InPostOptions());
        services.AddSingleton<InPostWebhookReceiver>();
        services.AddSingleton(configuration.GetSection(AcsOptions.Section).Get<AcsOptions>() ?? new AcsOptions());
        services.AddSingleton<AcsReceiver>();
        services.AddHostedService<Ledger.Infrastructure.Connectors.Acs.AcsDropFolderWatcher>();
        return services;
    }
}
