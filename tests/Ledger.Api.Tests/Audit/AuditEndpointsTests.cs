using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Api.Tests.ApiQuality;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Audit;

[Trait("Category", "Integration")]
public sealed class AuditEndpointsTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private static async Task<(long OrderId, Guid EventId, byte[] Body)> RecordShopifyOrder(HttpClient client)
    {
        var id = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);
        var body = SignedRequests.ShopifyOrder(id);
        using var response = await client.SendAsync(SignedRequests.Shopify("orders/paid", body));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (id, answer.RootElement.GetProperty("eventId").GetGuid(), body);
    }

    [Fact]
    public async Task GivenARecordedWebhook_ThenItsRawBodyIsServedByteForByteToAReader()
    {
        using var client = app.CreateClient();
        var (_, eventId, body) = await RecordShopifyOrder(client);

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, $"/api/events/{eventId}/raw", DevApiKeys.Reader));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        response.Headers.GetValues("X-Raw-Sha256").Single().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body)));
    }

    [Fact]
    public async Task GivenAnUnknownOrErasedEventOrNoKey_ThenTheRightProblem()
    {
        using var client = app.CreateClient();
        var (_, eventId, _) = await RecordShopifyOrder(client);
        await app.Services.GetRequiredService<IEventLogAudit>().ErasePersonalDataAsync(eventId, "customer request", "cs@brand.example");

        using var unknown = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, $"/api/events/{Guid.NewGuid()}/raw", DevApiKeys.Reader));
        using var erased = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, $"/api/events/{eventId}/raw", DevApiKeys.Reader));
        using var anonymous = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, $"/api/events/{eventId}/raw", key: null));

        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        erased.StatusCode.ShouldBe(HttpStatusCode.Gone);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GivenAStreamEditedBehindLedgersBack_ThenVerifyNamesTheEvent()
    {
        using var client = app.CreateClient();
        var (orderId, eventId, _) = await RecordShopifyOrder(client);
        var stream = $"shopify.order-{orderId}";

        using var before = JsonDocument.Parse(await (await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, $"/api/audit/verify?stream={stream}", DevApiKeys.Reader))).Content.ReadAsStringAsync());
        await using (var dataSource = Ledger.Infrastructure.EventStore.LedgerDataSource.Create(app.ConnectionString))
        await using (var command = dataSource.CreateCommand("update ledger.events set payload = jsonb_set(payload, '{order,total}', '0') where event_id = $1"))
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = eventId });
            await command.ExecuteNonQueryAsync();
        }

        using var after = JsonDocument.Parse(await (await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, $"/api/audit/verify?stream={stream}", DevApiKeys.Reader))).Content.ReadAsStringAsync());
        using var badStream = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/audit/verify?stream=nohyphen", DevApiKeys.Reader));

        before.RootElement.GetProperty("intact").GetBoolean().ShouldBeTrue();
        after.RootElement.GetProperty("intact").GetBoolean().ShouldBeFalse();
        after.RootElement.GetProperty("firstFailure").GetProperty("eventId").GetGuid().ShouldBe(eventId);
        after.RootElement.GetProperty("firstFailure").GetProperty("kind").GetString().ShouldBe("PayloadAltered");
        badStream.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badStream.Content.ReadAsStringAsync()).ShouldContain("\"stream\"");
    }
}
