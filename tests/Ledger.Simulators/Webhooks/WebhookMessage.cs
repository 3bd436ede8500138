namespace Ledger.Simulators.Webhooks;

/// <summary>An outbound request, built once; retries resend exactly these bytes and headers.</summary>
public sealed record WebhookMessage(
    HttpMethod Method,
    Uri Url,
    string Topic,
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers)
{
    public static WebhookMessage Json(Uri url, string topic, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string> headers) =>
        new(HttpMethod.Post, url, topic, body, "application/json", headers);
}
