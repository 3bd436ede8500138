using System.Security.Cryptography;
using System.Text;

namespace Ledger.Simulators.Webhooks;

public static class WebhookSignature
{
    /// <summary>Base64 HMAC-SHA256 of the exact body bytes, as Shopify and WooCommerce sign.</summary>
    public static string HmacSha256Base64(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
