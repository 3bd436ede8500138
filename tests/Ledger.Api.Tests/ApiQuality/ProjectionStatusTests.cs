using System.Net;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Projections;
using Ledger.Projections.Runtime;
using Ledger.Testing;
using Microsoft.AspNetCore.TestHost;
using Npgsql;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.ApiQuality;

/// <summary>In the metrics collection, because it scrapes <c>/metrics</c> (see <see cref="MetricsTests"/>).</summary>
[Trait("Category", "Integration")]
[Collection(nameof(MetricsTests))]
public sealed class ProjectionStatusTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task GivenARegisteredProjection_ThenTheApiListsItAndMetricsReportItsLag()
    {
        // Only this derived host ever starts, so no other host's meters share this one's streams.
        await using var ledger = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddProjection<NothingProjection>()));
        using var client = ledger.CreateClient();
        using var webhook = await client.SendAsync(SignedRequests.Shopify("orders/create", SignedRequests.ShopifyOrder(Random.Shared.NextInt64(1_000_000, 9_000_000))));
        webhook.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Probe.UntilAsync(async () =>
        {
            using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/projections", DevApiKeys.Reader));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var projection = body.RootElement.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("name").GetString() == NothingProjection.ProjectionName);
            return projection.GetProperty("state").GetString() == "running" && projection.GetProperty("eventsBehind").GetInt64() == 0 && projection.GetProperty("position").GetInt64() > 0;
        }, because: "the projection to catch up and say so");

        await Probe.UntilAsync(async () =>
        {
            var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return metrics.Split('\n').Any(line => line.StartsWith("ledger_projection_lag{", StringComparison.Ordinal) && line.Contains($"projection=\"{NothingProjection.ProjectionName}\"", StringComparison.Ordinal));
        }, because: "the projection's lag to show in /metrics");
    }

    private sealed class NothingProjection : IProjection
    {
        public const string ProjectionName = "api-quality.nothing";

        public string Name => ProjectionName;

        public Task ApplyAsync(RecordedEvent e, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
