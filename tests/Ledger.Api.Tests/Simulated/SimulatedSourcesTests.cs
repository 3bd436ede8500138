using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Carriers.InPost;
using Ledger.Domain.Channels.Shopify;
using Ledger.Domain.Channels.WooCommerce;
using Ledger.Domain.Warehouse.Acs;
using Ledger.Domain.Warehouse.Peoplevox;
using PeoplevoxEventTypes = Ledger.Domain.Warehouse.Peoplevox.PeoplevoxEventTypes;
using Ledger.Simulators.Acs;
using Ledger.Simulators.Peoplevox;
using Ledger.Simulators.Shopify;
using Ledger.Simulators.WooCommerce;
using Ledger.Testing;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Simulated;

/// <summary>Each system's simulator delivering to Ledger over HTTP, in its real wire format, and what lands in the log.</summary>
[Trait("Category", "Integration")]
public sealed class SimulatedSourcesTests(LedgerWithSimulators ledger) : IClassFixture<LedgerWithSimulators>
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task GivenAShopifyCheckout_ThenCreateAndPaidAreRecordedWithTheDeliveredBytes()
    {
        var shopify = ledger.Simulators.Shopify;
        var order = shopify.PlaceOrder(new ShopifyOrderRequest { Lines = [new ShopifyOrderLine { Sku = "TEE-BLK-M", Quantity = 2 }], Paid = true });

        var events = await ledger.StreamAsync(StreamName.For("shopify.order", Id(order.Id)), 2);
        await ledger.Simulators.WhenWebhooksIdleAsync();

        events.Select(e => e.Type).ShouldBe([ShopifyEventTypes.OrderCreated, ShopifyEventTypes.OrderPaid], ignoreOrder: true);
        foreach (var e in events)
        {
            var delivered = shopify.Deliveries.Where(d => d.Succeeded && d.Message.Headers["X-Shopify-Webhook-Id"] == e.Metadata.SourceMessageId).ToList();
            delivered.ShouldNotBeEmpty();
            (await ledger.Store.ReadRawBodyAsync(e.EventId))!.Value.ToArray().ShouldBe(delivered[0].Message.Body.ToArray());
        }
    }

    [Fact]
    public async Task GivenShopifyDeliversPaidBeforeCreate_ThenBothAreRecordedInArrivalOrderWithTheirOwnTimes()
    {
        var shopify = ledger.Simulators.Shopify;
        shopify.DeliverOutOfOrder = true;
        try
        {
            var order = shopify.PlaceOrder(new ShopifyOrderRequest { Lines = [new ShopifyOrderLine { Sku = "TEE-WHT-S" }], Paid = true });

            var events = await ledger.StreamAsync(StreamName.For("shopify.order", Id(order.Id)), 2);

            events.Select(e => e.Type).ShouldBe([ShopifyEventTypes.OrderPaid, ShopifyEventTypes.OrderCreated]);
            events[0].Metadata.OccurredAt.ShouldNotBeNull();
        }
        finally
        {
            shopify.DeliverOutOfOrder = false;
        }
    }

    [Fact]
    public async Task GivenShopifyRetriesADeliveryLedgerAlreadyAcknowledged_ThenNothingIsAppended()
    {
        var shopify = ledger.Simulators.Shopify;
        var order = shopify.PlaceOrder(new ShopifyOrderRequest { Lines = [new ShopifyOrderLine { Sku = "CAP-01" }] });
        var stream = StreamName.For("shopify.order", Id(order.Id));
        await ledger.StreamAsync(stream, 1);
        await ledger.Simulators.WhenWebhooksIdleAsync();
        var delivered = shopify.Deliveries.First(d => d.Succeeded && d.Message.Body.Span.IndexOf(Encoding.UTF8.GetBytes(Id(order.Id))) >= 0);

        // Shopify resends the original payload, with the same webhook id, when it saw no 2xx in 5 s.
        using var client = new HttpClient();
        using var resend = new HttpRequestMessage(HttpMethod.Post, delivered.Message.Url) { Content = new ByteArrayContent(delivered.Message.Body.ToArray()) };
        resend.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in delivered.Message.Headers)
        {
            resend.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(resend);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("duplicate");
        (await ledger.Store.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task GivenAShopifyThatSignsWithTheWrongSecret_ThenEveryDeliveryIs401AndNothingIsRecorded()
    {
        await using var forger = await Ledger.Simulators.Hosting.SimulatorHost.StartAsync(new Ledger.Simulators.Hosting.SimulatorSettings
        {
            LedgerBaseUrl = ledger.LedgerUrl,
            TimeScale = 0.01,
            Shopify = new Ledger.Simulators.Shopify.ShopifyOptions { WebhookSecret = "not-the-secret" },
        });
        forger.Shopify.PlaceOrder(new ShopifyOrderRequest { Lines = [new ShopifyOrderLine { Sku = "TEE-BLK-M" }] });

        await Probe.UntilAsync(() => forger.Shopify.Deliveries.Any(d => d.StatusCode == 401), because: "Ledger to refuse the forged delivery");

        forger.Shopify.Deliveries.Where(d => d.StatusCode is not null).ShouldAllBe(d => d.StatusCode == 401);

        // Both simulators number orders alike, so look for the forger's deliveries themselves.
        foreach (var webhookId in forger.Shopify.Deliveries.Select(d => d.Message.Headers["X-Shopify-Webhook-Id"]).Distinct())
        {
            (await ledger.Store.ReadEventAsync(Ledger.Domain.Shared.DeterministicGuid.Create($"shopify/webhook/{webhookId}"))).ShouldBeNull();
        }
    }

    [Fact]
    public async Task GivenWooCommercesDuplicateOrderUpdatedDeliveries_ThenEachDistinctStateIsRecordedOnce()
    {
        var woo = ledger.Simulators.WooCommerce;
        var order = woo.PlaceOrder(new WooOrderRequest { Lines = [new WooOrderLine { Sku = "MUG-01", Quantity = 1 }] });
        woo.PayOrder(order.Id);
        var stream = StreamName.For("woocommerce.order", Id(order.Id));

        await Probe.UntilAsync(async () =>
        {
            await ledger.Simulators.WhenWebhooksIdleAsync();
            return woo.Deliveries.Count(d => d.Message.Body.Span.IndexOf(Encoding.UTF8.GetBytes($"\"id\":{order.Id},")) >= 0 && d.Succeeded) >= 3;
        }, because: "created, paid and WooCommerce's duplicate updates to arrive");

        var deliveredBodies = woo.Deliveries.Where(d => d.Succeeded && d.Message.Body.Span.IndexOf(Encoding.UTF8.GetBytes($"\"id\":{order.Id},")) >= 0)
            .Select(d => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(d.Message.Body.Span)) + d.Message.Topic).Distinct().Count();
        var events = await ledger.Store.ReadStreamAsync(stream).ToListAsync();
        events.Count.ShouldBe(deliveredBodies);
        events.Count.ShouldBeLessThan(woo.Deliveries.Count(d => d.Succeeded && d.Message.Body.Span.IndexOf(Encoding.UTF8.GetBytes($"\"id\":{order.Id},")) >= 0));
        events.Select(e => e.Type).ShouldContain(WooCommerceEventTypes.OrderCreated);
        JsonDocument.Parse(events[^1].Payload).RootElement.GetProperty("order").GetProperty("isPaid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task GivenWooCommercesSaveTimePing_ThenLedgerAnswers200()
    {
        var woo = ledger.Simulators.WooCommerce;
        var hook = woo.AddWebhook("order.updated");

        woo.SendPing(hook.Id);

        await Probe.UntilAsync(() => woo.Deliveries.Any(d => d.Message.Topic.Contains("ping", StringComparison.OrdinalIgnoreCase) && d.StatusCode == 200), because: "the ping to be answered 200");
    }

    [Fact]
    public async Task GivenPeoplevoxDespatchesASalesOrder_ThenStatusChangesAndTheTrackingNumberAreRecorded()
    {
        var peoplevox = ledger.Simulators.Peoplevox;
        foreach (var subscription in PeoplevoxSubscriptionOptions.LedgerDefaults(SignedRequests.PeoplevoxToken))
        {
            if (!peoplevox.Subscriptions.Any(s => s.EventType == subscription.EventType))
            {
                peoplevox.Subscribe(subscription);
            }
        }

        var number = "SO-" + Random.Shared.Next(100_000, 999_999);
        peoplevox.SeedItemTypes(PeoplevoxItemType.Create("TEE-BLK-M", "Black tee M"));
        peoplevox.SaveSalesOrder(
            new Dictionary<string, string> { ["SalesOrderNumber"] = number, ["Customer"] = "Ada", ["Email"] = "ada@example.com", ["ServiceType"] = "InPost Locker" },
            new Dictionary<string, string> { ["SalesOrderNumber"] = number, ["ItemCode"] = "TEE-BLK-M", ["QuantityOrdered"] = "1" });

        peoplevox.AdvanceSalesOrder(number, PeoplevoxSalesOrderStatus.Picking);
        peoplevox.AdvanceSalesOrder(number, PeoplevoxSalesOrderStatus.Despatched, new PeoplevoxDespatchDetails { TrackingNumber = "TRK-" + number, Carrier = "InPost" });

        var events = await ledger.StreamAsync(StreamName.For("peoplevox.salesorder", number), 3);
        events.Count(e => e.Type == PeoplevoxEventTypes.SalesOrderStatusChanged).ShouldBe(2);
        var tracking = events.Single(e => e.Type == PeoplevoxEventTypes.TrackingNumberReceived);
        JsonDocument.Parse(tracking.Payload).RootElement.GetProperty("trackingNumber").GetString().ShouldBe("TRK-" + number);
    }

    [Fact]
    public async Task GivenInPostConfirmsAShipmentAndItReachesTheLocker_ThenEachWebhookIsRecordedInTheShipmentStream()
    {
        using var client = new HttpClient { BaseAddress = ledger.Simulators.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "inpost-dev-token");
        using var created = await client.PostAsync(new Uri("inpost/v1/organizations/1234/shipments", UriKind.Relative), new StringContent("""
            {"receiver":{"name":"Ada Lovelace","email":"ada@example.com","phone":"+447912345678"},
             "parcels":{"template":"small"},"custom_attributes":{"target_point":"LDN01M"},
             "service":"inpost_locker_standard","reference":"shopify-1"}
            """, Encoding.UTF8, "application/json"));
        var body = await created.Content.ReadAsStringAsync();
        created.IsSuccessStatusCode.ShouldBeTrue(body);
        var shipmentId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();

        // ShipX confirms in the background; the tracking number exists only from then on.
        await Probe.UntilAsync(() => ledger.Simulators.InPost.GetShipment(shipmentId)!.Status != "created", because: "ShipX to confirm the shipment");
        ledger.Simulators.InPost.AdvanceShipment(shipmentId, "ready_to_pickup");

        // Confirmation sends two webhooks of its own, so wait for the one that matters rather than a count.
        static bool ReadyToPickup(RecordedEvent e) =>
            e.Type == InPostEventTypes.ShipmentStatusChanged && JsonDocument.Parse(e.Payload).RootElement.GetProperty("status").GetString() == "ready_to_pickup";
        var stream = StreamName.For("inpost.shipment", Id(shipmentId));
        var events = new List<RecordedEvent>();
        // The two may arrive in either order: ShipX does not promise an order between webhooks.
        await Probe.UntilAsync(
            async () => (events = await ledger.Store.ReadStreamAsync(stream).ToListAsync()).Any(ReadyToPickup) && events.Any(e => e.Type == InPostEventTypes.ShipmentConfirmed),
            because: "the confirmation and ready_to_pickup to be recorded");
        events.Count(ReadyToPickup).ShouldBe(1);
        JsonDocument.Parse(events.First(e => e.Type == InPostEventTypes.ShipmentConfirmed).Payload).RootElement.GetProperty("trackingNumber").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GivenAcsDespatchesAnOrderAndPublishesItsStockFile_ThenTheMessageAndTheFileAreRecordedOnce()
    {
        var acs = ledger.Simulators.Acs;
        var number = "ACS-" + Random.Shared.Next(100_000, 999_999);
        acs.AddTags("DRESS-RED-10", 4);
        acs.ReceiveOrder(new AcsOrderSubmission(number, "shopify", "InPost Locker", "LDN01M", false,
            new AcsAddress("Ada Lovelace", "ada@example.com", "+447912345678", "1 Analytical St", null, "London", "N1 9GU", "GB"),
            [new AcsLine("DRESS-RED-10", 1)]));
        acs.StartPicking(number);
        var despatched = acs.Despatch(number, "TRK-" + number, "InPost");
        acs.Resend(despatched.MessageId);
        var file = acs.PublishStockFile();

        var events = await ledger.StreamAsync(StreamName.For("acs.order", number), 2);
        await Probe.UntilAsync(() => acs.SentMessages.Count(m => m.MessageId == despatched.MessageId) >= 2, because: "the resend to go out");
        await ledger.Simulators.WhenWebhooksIdleAsync();

        (await ledger.Store.ReadStreamAsync(StreamName.For("acs.order", number)).ToListAsync()).Count(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("status").GetString() == "Despatched").ShouldBe(1);
        events.ShouldAllBe(e => e.Type == AcsEventTypes.OrderStatusChanged);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(file.Csv)));
        (await ledger.StreamAsync(StreamName.For("acs.stockfile", sha), 1)).Single().Type.ShouldBe(AcsEventTypes.StockFileImported);
    }
}
