using System.Text;

namespace Ledger.Simulators.Webhooks;

/// <summary>
/// One outbound webhook attempt. <see cref="MessageId"/> is the same for all attempts of one message;
/// <see cref="StatusCode"/> is Ledger's answer (null when it did not answer in time, refused, or the
/// message was dropped on purpose).
/// </summary>
public sealed record WebhookDelivery(
    long MessageId,
    int Attempt,
    WebhookMessage Message,
    DateTimeOffset SentAt,
    TimeSpan Duration,
    int? StatusCode,
    bool Succeeded,
    bool Dropped,
    string? Error)
{
    public string Topic => Message.Topic;

    public Uri Url => Message.Url;

    public string Body => Encoding.UTF8.GetString(Message.Body.Span);

    public string? Header(string name) =>
        Message.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
