using System.Net;
using Ledger.Testing;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.ApiQuality;

/// <summary>
/// Each host's OpenTelemetry listens to every meter of a subscribed name in the process, other hosts'
/// too, and folds same-named instruments into one stream, which ends when any of their meters is
/// disposed. With other test hosts stopping alongside, a scrape here could lose its own counts, so these
/// tests run alone. Production has one host per process.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsRunAlone;

[Trait("Category", "Integration")]
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task GivenASignedWebhook_ThenMetricsCountItForItsSourceAndTimeTheAppend()
    {
        using var client = app.CreateClient();
        using var webhook = await client.SendAsync(SignedRequests.Shopify("orders/create", SignedRequests.ShopifyOrder(Random.Shared.NextInt64(1_000_000, 9_000_000))));
        webhook.StatusCode.ShouldBe(HttpStatusCode.OK);

        // The exporter caches a scrape briefly; poll rather than assume the first one is fresh.
        var metrics = string.Empty;
        await Probe.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            metrics = await response.Content.ReadAsStringAsync();
            return metrics.Split('\n').Any(line => line.StartsWith("ledger_webhooks_accepted", StringComparison.Ordinal) && line.Contains("source=\"shopify\"", StringComparison.Ordinal));
        }, because: "the accepted webhook to show in /metrics");

        metrics.ShouldContain("ledger_append_duration_seconds_bucket");
        metrics.ShouldContain("category=\"shopify.order\"");
        metrics.ShouldContain("http_server_request_duration_seconds");
    }

    [Fact]
    public async Task GivenAForgedWebhook_ThenMetricsCountTheRejectionForItsSource()
    {
        using var client = app.CreateClient();
        using var webhook = await client.SendAsync(SignedRequests.Shopify("orders/create", SignedRequests.ShopifyOrder(42), secret: "forged"));
        webhook.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await Probe.UntilAsync(async () =>
        {
            var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return metrics.Split('\n').Any(line => line.StartsWith("ledger_webhooks_rejected", StringComparison.Ordinal) && line.Contains("source=\"shopify\"", StringComparison.Ordinal));
        }, because: "the rejected webhook to show in /metrics");
    }
}
