using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Channels.WooCommerce;
using Ledger.Domain.Shared;

namespace Ledger.Application.Connectors.WooCommerce;

/// <summary>
/// WooCommerce webhooks. WooCommerce has no stable event id, fires duplicate order.updated deliveries and
/// builds each payload at delivery time, so a delivery is identified by its content: webhook id, resource
/// id, date_modified and the body's hash. The unsigned save-time ping is answered 200 and not recorded.
/// </summary>
public sealed class WooCommerceWebhookReceiver(WooCommerceOptions options, InboundRecorder recorder, InboundMetrics metrics)
{
    public const string Source = "woocommerce";

    private static readonly Dictionary<string, string> EventTypes = new(StringComparer.Ordinal)
    {
        ["order.created"] = WooCommerceEventTypes.OrderCreated,
        ["order.updated"] = WooCommerceEventTypes.OrderUpdated,
        ["order.deleted"] = WooCommerceEventTypes.OrderDeleted,
        ["order.restored"] = WooCommerceEventTypes.OrderRestored,
        ["product.updated"] = WooCommerceEventTypes.ProductUpdated,
    };

    public async Task<InboundResult> ReceiveAsync(WooCommerceDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (IsPing(delivery))
        {
            return new InboundResult.Ignored("WooCommerce's save-time ping");
        }

        var secrets = options.WebhookSecrets.Select(WebUtility.HtmlDecode).OfType<string>();
        if (!Signatures.IsValidBase64HmacSha256(delivery.Body.Span, delivery.Signature, secrets))
        {
            metrics.Rejected(Source, delivery.Signature is null ? "missing_signature" : "bad_signature");
            return new InboundResult.Unauthorized("X-WC-Webhook-Signature does not match the body.");
        }

        try
        {
            return new InboundResult.Recorded(await recorder.RecordAsync(Parse(delivery), delivery.Body, cancellationToken));
        }
        catch (InboundValidationException e)
        {
            metrics.Rejected(Source, "invalid");
            return new InboundResult.Invalid(e.Field, e.Message);
        }
    }

    /// <summary>On save WooCommerce POSTs the form <c>webhook_id=N</c> without a signature and shows the admin an error unless it gets 200.</summary>
    private static bool IsPing(WooCommerceDelivery delivery)
    {
        if (delivery.Signature is not null || delivery.Body.Length > 64)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(delivery.Body.Span).Trim();
        return text.StartsWith("webhook_id=", StringComparison.Ordinal) && long.TryParse(text["webhook_id=".Length..], CultureInfo.InvariantCulture, out _);
    }

    private static InboundMessage Parse(WooCommerceDelivery delivery)
    {
        var topic = delivery.Topic?.Trim();
        if (string.IsNullOrEmpty(topic))
        {
            throw new InboundValidationException("X-WC-Webhook-Topic", "The X-WC-Webhook-Topic header is required.");
        }

        if (!EventTypes.TryGetValue(topic, out var eventType))
        {
            throw new InboundValidationException("X-WC-Webhook-Topic", $"Topic '{topic}' is not one Ledger subscribes to ({string.Join(", ", EventTypes.Keys)}).");
        }

        using var document = JsonFields.Parse(delivery.Body);
        var body = JsonFields.Root(document);
        var resourceId = body.RequiredLong("id").ToString(CultureInfo.InvariantCulture);
        var modifiedAt = WooCommerceOrderReader.ModifiedAt(body);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(delivery.Body.Span));
        var webhookId = delivery.WebhookId?.Trim() ?? string.Empty;
        var dedupKey = $"woocommerce/{webhookId}/{topic}/{resourceId}/{modifiedAt?.ToString("O", CultureInfo.InvariantCulture)}/{bodyHash}";

        (StreamName Stream, object Payload, string Correlation) parsed = topic switch
        {
            "product.updated" => (InboundStreams.For("woocommerce.product", resourceId, "id"),
                new WooCommerceProductReported(resourceId, body.OptionalString("sku"), body.OptionalInt("stock_quantity"), body.OptionalString("stock_status"), body.OptionalBoolean("manage_stock"), modifiedAt),
                $"woocommerce-product-{resourceId}"),
            "order.deleted" => (InboundStreams.For("woocommerce.order", resourceId, "id"), new WooCommerceOrderDeleted(resourceId), OrderKeys.For(WooCommerceOrderReader.Channel, resourceId)),
            _ => (InboundStreams.For("woocommerce.order", resourceId, "id"), new WooCommerceOrderReported(topic, WooCommerceOrderReader.Read(body), modifiedAt), OrderKeys.For(WooCommerceOrderReader.Channel, resourceId)),
        };

        var attributes = new Dictionary<string, string> { ["topic"] = topic, ["bodySha256"] = bodyHash };
        if (webhookId.Length > 0)
        {
            attributes["webhookId"] = webhookId;
        }

        if (!string.IsNullOrWhiteSpace(delivery.Source))
        {
            attributes["source"] = delivery.Source.Trim();
        }

        return new InboundMessage(Source, parsed.Stream, eventType, DeterministicGuid.Create(dedupKey), parsed.Payload,
            delivery.DeliveryId?.Trim(), modifiedAt, parsed.Correlation, attributes);
    }
}
