using System.Globalization;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Channels.Shopify;
using Ledger.Domain.Shared;

namespace Ledger.Application.Connectors.Shopify;

/// <summary>
/// Shopify webhooks: verify the HMAC over the exact body (current or previous secret), then parse, then
/// record in the order's (or inventory item's) source stream. De-duplicates on X-Shopify-Webhook-Id,
/// which stays the same across Shopify's retries. Topics may arrive out of order: each event records
/// what Shopify said and when it says it happened (X-Shopify-Triggered-At), so the record still reads
/// right when orders/paid lands before orders/create.
/// </summary>
public sealed class ShopifyWebhookReceiver(ShopifyOptions options, InboundRecorder recorder, InboundMetrics metrics)
{
    public const string Source = "shopify";

    private static readonly Dictionary<string, string> OrderTopics = new(StringComparer.Ordinal)
    {
        ["orders/create"] = ShopifyEventTypes.OrderCreated,
        ["orders/paid"] = ShopifyEventTypes.OrderPaid,
        ["orders/updated"] = ShopifyEventTypes.OrderUpdated,
        ["orders/cancelled"] = ShopifyEventTypes.OrderCancelled,
        ["orders/edited"] = ShopifyEventTypes.OrderEdited,
    };

    public static IReadOnlyCollection<string> Topics { get; } =
        [.. OrderTopics.Keys, "fulfillments/create", "fulfillments/update", "inventory_levels/update"];

    public async Task<InboundResult> ReceiveAsync(ShopifyDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!Signatures.IsValidBase64HmacSha256(delivery.Body.Span, delivery.HmacSha256, options.WebhookSecrets))
        {
            metrics.Rejected(Source, delivery.HmacSha256 is null ? "missing_signature" : "bad_signature");
            return new InboundResult.Unauthorized("X-Shopify-Hmac-Sha256 does not match the body.");
        }

        try
        {
            var message = Parse(delivery);
            return new InboundResult.Recorded(await recorder.RecordAsync(message, delivery.Body, cancellationToken));
        }
        catch (InboundValidationException e)
        {
            metrics.Rejected(Source, "invalid");
            return new InboundResult.Invalid(e.Field, e.Message);
        }
    }

    private static InboundMessage Parse(ShopifyDelivery delivery)
    {
        var topic = delivery.Topic?.Trim();
        if (string.IsNullOrEmpty(topic))
        {
            throw new InboundValidationException("X-Shopify-Topic", "The X-Shopify-Topic header is required.");
        }

        if (!Topics.Contains(topic))
        {
            throw new InboundValidationException("X-Shopify-Topic", $"Topic '{topic}' is not one Ledger subscribes to ({string.Join(", ", Topics)}).");
        }

        if (string.IsNullOrWhiteSpace(delivery.WebhookId))
        {
            throw new InboundValidationException("X-Shopify-Webhook-Id", "The X-Shopify-Webhook-Id header is required: it is how repeated deliveries are recognised.");
        }

        DateTimeOffset? triggeredAt = null;
        if (!string.IsNullOrWhiteSpace(delivery.TriggeredAt))
        {
            triggeredAt = Timestamps.TryParse(delivery.TriggeredAt, out var t)
                ? t
                : throw new InboundValidationException("X-Shopify-Triggered-At", "X-Shopify-Triggered-At must be an ISO 8601 date and time.");
        }

        using var document = JsonFields.Parse(delivery.Body);
        var body = JsonFields.Root(document);
        var (stream, eventType, payload, correlation, occurredAt) = topic switch
        {
            "fulfillments/create" or "fulfillments/update" => Fulfillment(topic, body),
            "inventory_levels/update" => InventoryLevel(body),
            "orders/edited" when body.Has("order_edit") => OrderEdit(body.RequiredObject("order_edit")),
            _ => Order(topic, OrderTopics[topic], body),
        };

        var attributes = new Dictionary<string, string> { ["topic"] = topic };
        Add(attributes, "eventId", delivery.EventId);
        Add(attributes, "apiVersion", delivery.ApiVersion);
        Add(attributes, "shopDomain", delivery.ShopDomain);
        Add(attributes, "triggeredAt", delivery.TriggeredAt);
        return new InboundMessage(
            Source,
            stream,
            eventType,
            DeterministicGuid.Create($"shopify/webhook/{delivery.WebhookId.Trim()}"),
            payload,
            delivery.WebhookId.Trim(),
            triggeredAt ?? occurredAt,
            correlation,
            attributes);
    }

    private static void Add(Dictionary<string, string> attributes, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            attributes[key] = value.Trim();
        }
    }

    private static (StreamName, string, object, string, DateTimeOffset?) Order(string topic, string eventType, JsonFields body)
    {
        var order = ShopifyOrderReader.Read(body);
        return (
            InboundStreams.For("shopify.order", order.OrderId, "id"),
            eventType,
            new ShopifyOrderReported(topic, order, body.OptionalString("fulfillment_status"), body.OptionalString("cancel_reason"), body.OptionalTimestamp("cancelled_at")),
            order.OrderKey,
            order.UpdatedAt);
    }

    private static (StreamName, string, object, string, DateTimeOffset?) OrderEdit(JsonFields edit)
    {
        var orderId = edit.RequiredLong("order_id").ToString(CultureInfo.InvariantCulture);
        var lines = edit.OptionalObject("line_items");
        var added = lines?.Array("additions", required: false).Select(ShopifyOrderReader.ReadLine).ToList() ?? [];
        var removed = lines?.Array("removals", required: false)
            .Select(r => new ShopifyLineRemoval(r.RequiredLong("id").ToString(CultureInfo.InvariantCulture), r.OptionalInt("delta") ?? r.OptionalInt("quantity") ?? 0))
            .ToList() ?? [];
        var committedAt = edit.OptionalTimestamp("committed_at") ?? edit.OptionalTimestamp("created_at");
        return (
            InboundStreams.For("shopify.order", orderId, "order_id"),
            ShopifyEventTypes.OrderEdited,
            new ShopifyOrderEdited(orderId, edit.RequiredLong("id").ToString(CultureInfo.InvariantCulture), added, removed, committedAt),
            OrderKeys.For(ShopifyOrderReader.Channel, orderId),
            committedAt);
    }

    private static (StreamName, string, object, string, DateTimeOffset?) Fulfillment(string topic, JsonFields body)
    {
        var orderId = body.RequiredLong("order_id").ToString(CultureInfo.InvariantCulture);
        var trackingNumbers = new List<string>();
        if (body.OptionalString("tracking_number") is { Length: > 0 } single)
        {
            trackingNumbers.Add(single);
        }

        if (body.Element.TryGetProperty("tracking_numbers", out var many) && many.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            trackingNumbers.AddRange(many.EnumerateArray().Where(n => n.ValueKind == System.Text.Json.JsonValueKind.String).Select(n => JsonFields.TextOf(n, "tracking_numbers")!).Where(n => !trackingNumbers.Contains(n)));
        }

        var lines = body.Array("line_items", required: false)
            .Select(l => new ShopifyFulfilledLine(l.RequiredLong("id").ToString(CultureInfo.InvariantCulture), l.OptionalString("sku"), l.RequiredInt("quantity")))
            .ToList();
        var updatedAt = body.OptionalTimestamp("updated_at");
        return (
            InboundStreams.For("shopify.order", orderId, "order_id"),
            topic == "fulfillments/create" ? ShopifyEventTypes.FulfillmentCreated : ShopifyEventTypes.FulfillmentUpdated,
            new ShopifyFulfillmentReported(topic, orderId, body.RequiredLong("id").ToString(CultureInfo.InvariantCulture), body.OptionalString("status"),
                body.OptionalString("shipment_status"), trackingNumbers, body.OptionalString("tracking_company"), lines, updatedAt),
            OrderKeys.For(ShopifyOrderReader.Channel, orderId),
            updatedAt);
    }

    private static (StreamName, string, object, string, DateTimeOffset?) InventoryLevel(JsonFields body)
    {
        var item = body.RequiredLong("inventory_item_id").ToString(CultureInfo.InvariantCulture);
        var location = body.RequiredLong("location_id").ToString(CultureInfo.InvariantCulture);
        var updatedAt = body.OptionalTimestamp("updated_at");
        return (
            InboundStreams.For("shopify.inventory", item, "inventory_item_id"),
            ShopifyEventTypes.InventoryLevelUpdated,
            new ShopifyInventoryLevelReported(item, location, body.OptionalInt("available"), updatedAt),
            $"shopify-inventory-{item}",
            updatedAt);
    }
}
