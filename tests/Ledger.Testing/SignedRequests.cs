using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Testing;

/// <summary>Builds webhook requests signed the way each source signs them.</summary>
public static class SignedRequests
{
    public const string ShopifySecret = "shopify-dev-secret";

    public static string Base64HmacSha256(byte[] body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static HttpRequestMessage Shopify(string topic, byte[] body, string? webhookId = null, string secret = ShopifySecret, string? signature = null, DateTimeOffset? triggeredAt = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", signature ?? Base64HmacSha256(body, secret));
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId ?? Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Event-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Triggered-At", (triggeredAt ?? DateTimeOffset.UtcNow).ToString("O"));
        request.Headers.Add("X-Shopify-API-Version", "2025-01");
        request.Headers.Add("X-Shopify-Shop-Domain", "ledger-demo.myshopify.com");
        return request;
    }

    public static byte[] ShopifyOrder(long id, string financialStatus = "paid", string sku = "TEE-BLK-M", string phone = "+447912345678") =>
        Encoding.UTF8.GetBytes($$"""
        {"id":{{id}},"admin_graphql_api_id":"gid://shopify/Order/{{id}}","name":"#{{id % 10000}}","email":"ada@example.com",
         "created_at":"2026-11-20T09:30:00+00:00","updated_at":"2026-11-20T09:31:00+00:00","financial_status":"{{financialStatus}}",
         "fulfillment_status":null,"cancelled_at":null,"tags":"vip, locker","currency":"GBP","total_price":"45.00",
         "line_items":[{"id":{{id + 1}},"variant_id":1,"product_id":2,"sku":"{{sku}}","title":"Tee","quantity":2,"price":"20.00","grams":250}],
         "shipping_address":{"first_name":"Ada","last_name":"Lovelace","address1":"1 Analytical St","city":"London","zip":"N1 9GU","country_code":"GB","phone":"{{phone}}"},
         "shipping_lines":[{"title":"InPost Locker","code":"INPOST_LOCKER","price":"5.00"}]}
        """);

    public const string WooCommerceSecret = "woocommerce-dev-secret";

    public static HttpRequestMessage WooCommerce(string topic, byte[] body, string webhookId = "7", string secret = WooCommerceSecret, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/woocommerce") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-WC-Webhook-Source", "http://127.0.0.1/");
        request.Headers.Add("X-WC-Webhook-Topic", topic);
        request.Headers.Add("X-WC-Webhook-Resource", topic.Split('.')[0]);
        request.Headers.Add("X-WC-Webhook-Event", topic.Split('.')[^1]);
        request.Headers.Add("X-WC-Webhook-Signature", signature ?? Base64HmacSha256(body, secret));
        request.Headers.Add("X-WC-Webhook-ID", webhookId);
        request.Headers.Add("X-WC-Webhook-Delivery-ID", Guid.NewGuid().ToString("N"));
        return request;
    }

    public static byte[] WooCommerceOrder(long id, string status = "processing", string modified = "2026-11-20T09:31:00", string sku = "TEE-BLK-M") =>
        Encoding.UTF8.GetBytes($$"""
        {"id":{{id}},"number":"{{id}}","status":"{{status}}","currency":"GBP","total":"45.00","date_modified":"{{modified}}","date_modified_gmt":"{{modified}}",
         "billing":{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","phone":"07912345678"},
         "shipping":{"first_name":"Ada","last_name":"Lovelace","address_1":"1 Analytical St","city":"London","postcode":"N1 9GU","country":"GB","phone":""},
         "line_items":[{"id":{{id + 1}},"name":"Tee","sku":"{{sku}}","quantity":1,"price":20}],
         "shipping_lines":[{"id":1,"method_id":"inpost_locker","method_title":"InPost Locker"}]}
        """);

    public const string PeoplevoxToken = "peoplevox-dev-token";

    public const string InPostToken = "inpost-dev-token";

    public const string AcsKey = "acs-dev-key";

    public static HttpRequestMessage InPost(byte[] body, string token = InPostToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/inpost?token={Uri.EscapeDataString(token)}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    public static byte[] InPostEvent(string shipmentId, string @event = "shipment_status_changed", string status = "ready_to_pickup", string? tracking = "620000000000000000000001", string eventTs = "2026-11-20 10:15:00 +0100")
    {
        var trackingJson = tracking is null ? "null" : $"\"{tracking}\"";
        return Encoding.UTF8.GetBytes(
            $$$"""{"event_ts":"{{{eventTs}}}","event":"{{{@event}}}","organization_id":1234,"payload":{"shipment_id":{{{shipmentId}}},"status":"{{{status}}}","tracking_number":{{{trackingJson}}}}}""");
    }

    public static HttpRequestMessage Acs(string path, byte[] body, string contentType, string key = AcsKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
