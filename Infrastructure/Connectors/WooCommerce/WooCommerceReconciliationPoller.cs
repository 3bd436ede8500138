using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Connectors.WooCommerce;
using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Channels.WooCommerce;
using Ledger.Domain.Shared;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.WooCommerce;

/// <summary>
/// WooCommerce never retries a failed webhook, so on a schedule Ledger lists the orders modified since its
/// checkpoint and records, as <c>woocommerce.order-reconciled.v1</c>, each one whose stream has nothing yet
/// for that <c>date_modified</c>. Orders still inside the settle time are left to their webhook.
/// </summary>
public sealed class WooCommerceReconciliationPoller(
    IHttpClientFactory httpClients,
    WooCommerceOptions options,
    InboundRecorder recorder,
    IEventStore store,
    ConnectorCheckpoints checkpoints,
    ILogger<WooCommerceReconciliationPoller> logger,
    TimeProvider clock) : PollingService(logger, clock)
{
    public const string HttpClientName = "woocommerce";
    public const string Topic = "reconcile";
    private const string CheckpointKey = "orders-modified-after";
    private const int PerPage = 100;

    protected override string Connector => WooCommerceWebhookReceiver.Source;

    protected override bool Enabled => options.Polling.Enabled;

    protected override TimeSpan Interval => options.Polling.Interval;

    protected override IEnumerable<string> ConfigurationErrors()
    {
        if (string.IsNullOrWhiteSpace(options.ConsumerKey) || string.IsNullOrWhiteSpace(options.ConsumerSecret))
        {
            yield return $"{WooCommerceOptions.Section}:ConsumerKey and ConsumerSecret are required";
        }

        if (options.Polling.Interval <= TimeSpan.Zero)
        {
            yield return $"{WooCommerceOptions.Section}:Polling:Interval must be positive";
        }
    }

    protected override async Task PollAsync(CancellationToken cancellationToken)
    {
        var polling = options.Polling;
        var now = Clock.GetUtcNow();
        var checkpoint = await checkpoints.GetTimestampAsync(Connector, CheckpointKey, cancellationToken) ?? now - polling.InitialLookback;
        var before = now - polling.SettleTime;
        var latest = checkpoint;
        var http = httpClients.CreateClient(HttpClientName);
        for (var page = 1; ; page++)
        {
            var url = new Uri(options.BaseUrl.ToString().TrimEnd('/') + "/wp-json/wc/v3/orders"
                + $"?status={Uri.EscapeDataString(polling.Statuses)}&modified_after={Iso(checkpoint - polling.Overlap)}&modified_before={Iso(before)}"
                + $"&dates_are_gmt=true&orderby=modified&order=asc&per_page={PerPage}&page={page}");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ConsumerKey}:{options.ConsumerSecret}")));
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectorException(Connector, $"GET orders answered {(int)response.StatusCode}: {ConnectorException.ErrorText(body)}", response.StatusCode);
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ConnectorException(Connector, "GET orders did not answer with a list.");
            }

            foreach (var order in document.RootElement.EnumerateArray())
            {
                var modified = await ReconcileAsync(order, cancellationToken);
                latest = modified > latest ? modified.Value : latest;
            }

            var totalPages = response.Headers.TryGetValues("X-WP-TotalPages", out var values)
                && int.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var pages) ? pages : 1;
            if (page >= totalPages)
            {
                break;
            }
        }

        if (latest > checkpoint)
        {
            await checkpoints.SetTimestampAsync(Connector, CheckpointKey, latest, cancellationToken);
        }
    }

    /// <summary>Records the order unless its stream already holds this <c>date_modified</c> or a later one. Returns the order's <c>date_modified</c>.</summary>
    private async Task<DateTimeOffset?> ReconcileAsync(JsonElement element, CancellationToken cancellationToken)
    {
        InboundMessage message;
        try
        {
            var fields = new JsonFields(element, "order");
            var order = WooCommerceOrderReader.Read(fields);
            var modifiedAt = WooCommerceOrderReader.ModifiedAt(fields);
            if (modifiedAt is null)
            {
                Logger.LogWarning("WooCommerce order {OrderId} has no date_modified; it cannot be reconciled", order.OrderId);
                return null;
            }

            var stream = InboundStreams.For("woocommerce.order", order.OrderId, "id");
            var recorded = await LatestDateModifiedAsync(stream, cancellationToken);
            if (recorded >= modifiedAt)
            {
                return modifiedAt;
            }

            var raw = Encoding.UTF8.GetBytes(element.GetRawText());
            message = new InboundMessage(
                WooCommerceWebhookReceiver.Source,
                stream,
                WooCommerceEventTypes.OrderReconciled,
                DeterministicGuid.Create($"woocommerce/reconcile/{order.OrderId}/{modifiedAt.Value.UtcTicks}"),
                new WooCommerceOrderReported(Topic, order, modifiedAt),
                null,
                modifiedAt,
                OrderKeys.For(WooCommerceOrderReader.Channel, order.OrderId),
                new Dictionary<string, string> { ["topic"] = Topic, ["bodySha256"] = Convert.ToHexStringLower(SHA256.HashData(raw)) });
            await recorder.RecordAsync(message, raw, cancellationToken);
            Logger.LogInformation("Reconciled WooCommerce order {OrderId} modified {ModifiedAt}: its webhook never arrived", order.OrderId, modifiedAt);
            return modifiedAt;
        }
        catch (InboundValidationException e)
        {
            Logger.LogWarning("Skipped a WooCommerce order Ledger cannot read: {Field}: {Error}", e.Field, e.Message);
            return null;
        }
    }

    /// <summary>The <c>dateModified</c> of the stream's latest event, or null (no stream, or a delete that carries none).</summary>
    private async Task<DateTimeOffset?> LatestDateModifiedAsync(StreamName stream, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadStreamAsync(stream, ReadDirection.Backwards, maxCount: 1, cancellationToken: cancellationToken))
        {
            if (e.Payload.IsEmpty)
            {
                return null;
            }

            using var payload = JsonDocument.Parse(e.Payload);
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("dateModified", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.TryGetDateTimeOffset(out var date)
                ? date
                : null;
        }

        return null;
    }

    private static string Iso(DateTimeOffset value) =>
        Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
