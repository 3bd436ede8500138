using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Channels.Shopify;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Webhooks;

[Trait("Category", "Integration")]
public sealed class ShopifyWebhookTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private IEventStore Store => app.Services.GetRequiredService<IEventStore>();

    private static long NewOrderId() => Random.Shared.NextInt64(1_000_000_000_000, 9_000_000_000_000);

    [Fact]
    public async Task GivenASignedOrderWebhook_ThenItIsRecordedWithTheRawBodyByteForByte()
    {
        using var client = app.CreateClient();
        var id = NewOrderId();
        var body = SignedRequests.ShopifyOrder(id);
        var webhookId = Guid.NewGuid().ToString();

        using var response = await client.SendAsync(SignedRequests.Shopify("orders/create", body, webhookId));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stream = StreamName.For("shopify.order", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var events = await Store.ReadStreamAsync(stream).ToListAsync();
        events.Count.ShouldBe(1);
        var e = events[0];
        e.Type.ShouldBe(ShopifyEventTypes.OrderCreated);
        e.Metadata.SourceSystem.ShouldBe("shopify");
        e.Metadata.SourceMessageId.ShouldBe(webhookId);
        e.Metadata.CorrelationId.ShouldBe($"shopify-{id}");
        e.Metadata.Attributes!["apiVersion"].ShouldBe("2025-01");
        e.Metadata.Attributes.ContainsKey("eventId").ShouldBeTrue();
        (await Store.ReadRawBodyAsync(e.EventId))!.Value.ToArray().ShouldBe(body);
        using var payload = JsonDocument.Parse(e.Payload);
        var order = payload.RootElement.GetProperty("order");
        order.GetProperty("orderId").GetString().ShouldBe(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        order.GetProperty("isPaid").GetBoolean().ShouldBeTrue();
        order.GetProperty("lines")[0].GetProperty("sku").GetString().ShouldBe("TEE-BLK-M");
        order.GetProperty("shipTo").GetProperty("phone").GetString().ShouldBe("+447912345678");
    }

    [Fact]
    public async Task GivenAnOrderForALocker_ThenItsLockerIsReadAndWatched()
    {
        using var client = app.CreateClient();
        var id = NewOrderId();
        var locker = "KRA" + Random.Shared.Next(100, 999);
        var noteAttributes = "\"note_attributes\":[{\"name\":\"inpost_locker_id\",\"value\":\"" + locker + "\"}],\"tags\":";
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SignedRequests.ShopifyOrder(id)).Replace("\"tags\":", noteAttributes, StringComparison.Ordinal));

        (await client.SendAsync(SignedRequests.Shopify("orders/paid", body))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var e = await Store.ReadStreamAsync(StreamName.For("shopify.order", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).SingleAsync();
        JsonDocument.Parse(e.Payload).RootElement.GetProperty("order").GetProperty("lockerId").GetString().ShouldBe(locker);
        var watched = await app.Services.GetRequiredService<Ledger.Application.Connectors.InPost.ILockerPointsToWatch>().GetAsync(CancellationToken.None);
        watched.ShouldContain(locker);
    }

    [Fact]
    public async Task GivenTheSameDeliveryTwice_ThenTheSecondIs200AndNothingIsAppended()
    {
        using var client = app.CreateClient();
        var id = NewOrderId();
        var body = SignedRequests.ShopifyOrder(id);
        var webhookId = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(SignedRequests.Shopify("orders/paid", body, webhookId));
        using var again = await client.SendAsync(SignedRequests.Shopify("orders/paid", body, webhookId));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("\"duplicate\"");
        (await Store.ReadStreamAsync(StreamName.For("shopify.order", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task GivenPaidArrivingBeforeCreate_ThenBothAreRecordedWithWhenShopifySaysTheyHappened()
    {
        using var client = app.CreateClient();
        var id = NewOrderId();
        var created = DateTimeOffset.UtcNow.AddSeconds(-30);
        var paid = DateTimeOffset.UtcNow.AddSeconds(-20);

        (await client.SendAsync(SignedRequests.Shopify("orders/paid", SignedRequests.ShopifyOrder(id), triggeredAt: paid))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(SignedRequests.Shopify("orders/create", SignedRequests.ShopifyOrder(id, "pending"), triggeredAt: created))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await Store.ReadStreamAsync(StreamName.For("shopify.order", id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToListAsync();
        events.Select(e => e.Type).ShouldBe([ShopifyEventTypes.OrderPaid, ShopifyEventTypes.OrderCreated]);
        events[0].Metadata.OccurredAt!.Value.ShouldBe(paid, TimeSpan.FromMilliseconds(1));
        events[1].Metadata.OccurredAt!.Value.ShouldBe(created, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("wrong-secret", null)]
    [InlineData(null, "bm90IGEgc2lnbmF0dXJl")]
    [InlineData(null, "")]
    public async Task GivenAForgedOrMissingSignature_Then401AndNothingAppended(string? secret, string? signature)
    {
        using var client = app.CreateClient();
        var id = NewOrderId();
        using var request = SignedRequests.Shopify("orders/create", SignedRequests.ShopifyOrder(id), secret: secret ?? SignedRequests.ShopifySecret, signature: signature);
        var metrics = app.Services.GetRequiredService<Ledger.Application.Inbound.InboundMetrics>();
        long Rejected() => metrics.RejectedCount("shopify", "bad_signature") + metrics.RejectedCount("shopify", "missing_signature");
        var rejectedBefore = Rejected();

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Rejected().ShouldBe(rejectedBefore + 1);
        (await Store.GetStreamRevisionAsync(StreamName.For("shopify.order", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ShouldBe(-1);
    }

    [Fact]
    public async Task GivenASignatureFromThePreviousSecretDuringRotation_ThenAccepted()
    {
        await using var rotated = app.WithWebHostBuilder(b => b.UseSetting("Connectors:Shopify:WebhookSecrets:1", "shopify-old-secret"));
        using var client = rotated.CreateClient();

        using var response = await client.SendAsync(SignedRequests.Shopify("orders/create", SignedRequests.ShopifyOrder(NewOrderId()), secret: "shopify-old-secret"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("orders/create", "{not json", "body")]
    [InlineData("orders/create", "[1,2]", "body")]
    [InlineData("orders/create", """{"name":"#1","line_items":[]}""", "id")]
    [InlineData("orders/create", """{"id":"abc","line_items":[]}""", "id")]
    [InlineData("orders/create", """{"id":5,"line_items":[{"id":1,"sku":"X"}]}""", "line_items[0].quantity")]
    [InlineData("orders/create", """{"id":5,"line_items":[{"id":1,"sku":"X","quantity":-2}]}""", "line_items[0].quantity")]
    [InlineData("orders/update", """{"id":5,"line_items":[]}""", "X-Shopify-Topic")]
    [InlineData("inventory_levels/update", """{"inventory_item_id":5}""", "location_id")]
    public async Task GivenAMalformedBodyOrUnknownTopic_Then400NamingTheFieldAndNothingAppended(string topic, string json, string field)
    {
        using var client = app.CreateClient();
        var body = Encoding.UTF8.GetBytes(json);
        var webhookId = Guid.NewGuid().ToString();

        using var response = await client.SendAsync(SignedRequests.Shopify(topic, body, webhookId));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"the problem should name '{field}': {problem.RootElement}");
        (await Store.ReadEventAsync(Ledger.Domain.Shared.DeterministicGuid.Create($"shopify/webhook/{webhookId}"))).ShouldBeNull();
    }
}
