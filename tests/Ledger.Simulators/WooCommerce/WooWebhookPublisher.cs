using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.WooCommerce;

/// <summary>
/// Queues Woo webhooks the way Action Scheduler does: sent later, with the payload built at delivery
/// time from current state, never retried; consecutive failures disable the subscription.
/// </summary>
internal sealed class WooWebhookPublisher(WebhookSender sender, WooStore store, WooCommerceOptions options)
{
    private const string UserAgent = "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)";

    public void Queue(string topic, int resourceId)
    {
        foreach (var webhook in store.Webhooks.Where(w => w.Topic == topic && w.Status == "active"))
        {
            var webhookId = webhook.Id;
            sender.Send(
                () => Build(webhookId, resourceId),
                options.DeliveryDelay,
                delivery =>
                {
                    if (!delivery.Dropped)
                    {
                        store.RecordDelivery(webhookId, delivery.Succeeded);
                    }
                });
        }
    }

    /// <summary>The save-time ping: form data <c>webhook_id=N</c>, unsigned, no X-WC headers.</summary>
    public void Ping(int webhookId)
    {
        var webhook = store.FindWebhook(webhookId) ?? throw new KeyNotFoundException($"Webhook {webhookId} not found.");
        var body = Encoding.UTF8.GetBytes("webhook_id=" + webhookId.ToString(CultureInfo.InvariantCulture));
        sender.Send(new WebhookMessage(
            HttpMethod.Post,
            new Uri(webhook.DeliveryUrl),
            "ping",
            body,
            "application/x-www-form-urlencoded",
            new Dictionary<string, string> { ["User-Agent"] = UserAgent }));
    }

    private WebhookMessage? Build(int webhookId, int resourceId)
    {
        var webhook = store.FindWebhook(webhookId);
        if (webhook is not { Status: "active" })
        {
            return null;
        }

        object resource = webhook.Resource switch
        {
            "order" => store.FindOrder(resourceId) ?? (object)new { id = resourceId },
            "product" => store.FindProduct(resourceId) ?? (object)new { id = resourceId },
            _ => new { id = resourceId },
        };
        var body = WooJson.Serialize(resource);
        var deliveryId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{webhookId}{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}{Guid.NewGuid()}")))[..32];
        var headers = new Dictionary<string, string>
        {
            ["User-Agent"] = UserAgent,
            ["X-WC-Webhook-Source"] = options.SourceUrl,
            ["X-WC-Webhook-Topic"] = webhook.Topic,
            ["X-WC-Webhook-Resource"] = webhook.Resource,
            ["X-WC-Webhook-Event"] = webhook.Event,
            ["X-WC-Webhook-Signature"] = WebhookSignature.HmacSha256Base64(options.WebhookSecret, body),
            ["X-WC-Webhook-ID"] = webhookId.ToString(CultureInfo.InvariantCulture),
            ["X-WC-Webhook-Delivery-ID"] = deliveryId,
        };
        return WebhookMessage.Json(new Uri(webhook.DeliveryUrl), webhook.Topic, body, headers);
    }
}
