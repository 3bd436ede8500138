using System.Globalization;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.Shopify;

/// <summary>
/// Signs and queues Shopify webhooks. The body is serialised when the event happens, so retries resend
/// the original bytes with the same <c>X-Shopify-Webhook-Id</c>, as Shopify does.
/// </summary>
internal sealed class ShopifyWebhookPublisher(WebhookSender sender, SimulatorSettings settings)
{
    private ShopifyOptions Options => settings.Shopify;

    public static string NewEventId() => Guid.NewGuid().ToString();

    public void Publish<T>(string eventId, string topic, T resource, TimeSpan delay = default)
    {
        var body = ShopifyJson.Serialize(resource);
        var headers = new Dictionary<string, string>
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Hmac-Sha256"] = WebhookSignature.HmacSha256Base64(Options.WebhookSecret, body),
            ["X-Shopify-Shop-Domain"] = Options.ShopDomain,
            ["X-Shopify-API-Version"] = Options.ApiVersion,
            ["X-Shopify-Webhook-Id"] = Guid.NewGuid().ToString(),
            ["X-Shopify-Event-Id"] = eventId,
            ["X-Shopify-Triggered-At"] = settings.Clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        sender.Send(WebhookMessage.Json(settings.LedgerUrl(Options.WebhookPath), topic, body, headers), delay);
    }
}
