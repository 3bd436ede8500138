using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Channels.WooCommerce;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Webhooks;

[Trait("Category", "Integration")]
public sealed class WooCommerceWebhookTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private IEventStore Store => app.Services.GetRequiredService<IEventStore>();

    private static StreamName OrderStream(long id) => StreamName.For("woocommerce.order", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task GivenTheUnsignedSaveTimePing_Then200AndNothingAppended()
    {
        using var client = app.CreateClient();
        using var ping = new HttpRequestMessage(HttpMethod.Post, "/webhooks/woocommerce") { Content = new StringContent("webhook_id=7", Encoding.UTF8, "application/x-www-form-urlencoded") };

        using var response = await client.SendAsync(ping);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("status").GetString().ShouldBe("ignored");
    }

    [Fact]
    public async Task GivenASignedOrder_ThenRecordedAsPaidWithTheBillingPhoneWhenShippingHasNone()
    {
        using var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1000, 1_000_000_000);
        var body = SignedRequests.WooCommerceOrder(id);

        using var response = await client.SendAsync(SignedRequests.WooCommerce("order.created", body));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var e = (await Store.ReadStreamAsync(OrderStream(id)).ToListAsync()).Single();
        e.Type.ShouldBe(WooCommerceEventTypes.OrderCreated);
        (await Store.ReadRawBodyAsync(e.EventId))!.Value.ToArray().ShouldBe(body);
        using var payload = JsonDocument.Parse(e.Payload);
        var order = payload.RootElement.GetProperty("order");
        order.GetProperty("isPaid").GetBoolean().ShouldBeTrue();
        order.GetProperty("shipTo").GetProperty("phone").GetString().ShouldBe("07912345678");
        order.GetProperty("shippingMethod").GetString().ShouldBe("inpost_locker");
    }

    [Fact]
    public async Task GivenWooCommercesDuplicateOrderUpdated_ThenOnlyOneIsRecordedButARealChangeIs()
    {
        using var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1000, 1_000_000_000);
        var state = SignedRequests.WooCommerceOrder(id);

        (await client.SendAsync(SignedRequests.WooCommerce("order.updated", state))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var duplicate = await client.SendAsync(SignedRequests.WooCommerce("order.updated", state));
        (await client.SendAsync(SignedRequests.WooCommerce("order.updated", SignedRequests.WooCommerceOrder(id, "completed", "2026-11-20T11:00:00")))).StatusCode.ShouldBe(HttpStatusCode.OK);

        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("duplicate");
        (await Store.ReadStreamAsync(OrderStream(id)).ToListAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task GivenOrderDeleted_ThenTheIdOnlyBodyIsRecorded()
    {
        using var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1000, 1_000_000_000);

        using var response = await client.SendAsync(SignedRequests.WooCommerce("order.deleted", Encoding.UTF8.GetBytes($$"""{"id":{{id}}}""")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Store.ReadStreamAsync(OrderStream(id)).SingleAsync()).Type.ShouldBe(WooCommerceEventTypes.OrderDeleted);
    }

    [Theory]
    [InlineData("wrong-secret", null)]
    [InlineData(null, "AAAA")]
    public async Task GivenAForgedSignature_Then401AndNothingAppended(string? secret, string? signature)
    {
        using var client = app.CreateClient();
        var id = Random.Shared.NextInt64(1000, 1_000_000_000);

        using var response = await client.SendAsync(SignedRequests.WooCommerce("order.created", SignedRequests.WooCommerceOrder(id), secret: secret ?? SignedRequests.WooCommerceSecret, signature: signature));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Store.GetStreamRevisionAsync(OrderStream(id))).ShouldBe(-1);
    }

    [Theory]
    [InlineData("order.created", """{"status":"processing"}""", "id")]
    [InlineData("order.created", """{"id":5,"line_items":[{"id":1,"sku":"A","quantity":"lots"}]}""", "line_items[0].quantity")]
    [InlineData("coupon.created", """{"id":5}""", "X-WC-Webhook-Topic")]
    public async Task GivenAMalformedBody_Then400NamingTheField(string topic, string json, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedRequests.WooCommerce(topic, Encoding.UTF8.GetBytes(json)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(field);
    }
}
