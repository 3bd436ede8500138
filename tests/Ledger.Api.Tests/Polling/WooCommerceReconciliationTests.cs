using System.Globalization;
using System.Text.Json;
using Ledger.Application;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Channels.WooCommerce;
using Ledger.Simulators.WooCommerce;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Polling;

public sealed class WooCommerceRig : PollingRig
{
    protected override string Connector => "WooCommerce";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Connectors:WooCommerce:Polling:Interval", "00:00:00.200"),
        // Long enough for a cold Ledger to record the webhooks that do arrive before the poll looks.
        new("Connectors:WooCommerce:Polling:SettleTime", "00:00:03"),
    ];
}

[Trait("Category", "Integration")]
public sealed class WooCommerceReconciliationTests(WooCommerceRig rig) : IClassFixture<WooCommerceRig>
{
    private WooCommerceSimulator Woo => rig.Simulators.WooCommerce;

    private static StreamName StreamOf(WooOrder order) => StreamName.For("woocommerce.order", order.Id.ToString(CultureInfo.InvariantCulture));

    private WooOrder PlacePaidOrder() =>
        Woo.PlaceOrder(new WooOrderRequest { Lines = [new WooOrderLine { Sku = "TEE-BLK-M", Quantity = 1 }], Paid = true });

    [Fact]
    public async Task GivenAnOrderWhoseWebhooksWereDropped_ThenReconciliationRecordsIt_AndLeavesARecordedOrderAlone()
    {
        var delivered = PlacePaidOrder();
        var webhookEvents = await rig.StreamAsync(StreamOf(delivered), 1);
        await rig.Simulators.WhenWebhooksIdleAsync();
        webhookEvents = await rig.EventsAsync(StreamOf(delivered));

        Woo.DropNextCallbacks(2);
        var lost = PlacePaidOrder();
        await rig.Simulators.WhenWebhooksIdleAsync();
        Woo.Deliveries.Where(d => d.Dropped).ShouldNotBeEmpty();

        var reconciled = (await rig.StreamAsync(StreamOf(lost), 1)).Single();
        reconciled.Type.ShouldBe(WooCommerceEventTypes.OrderReconciled);
        var reported = JsonSerializer.Deserialize<WooCommerceOrderReported>(reconciled.Payload.Span, LedgerJson.Options)!;
        reported.Topic.ShouldBe("reconcile");
        reported.Order.OrderId.ShouldBe(lost.Id.ToString(CultureInfo.InvariantCulture));
        reported.Order.IsPaid.ShouldBeTrue();
        reported.DateModified.ShouldBe(lost.ModifiedAt);

        // Both orders are past the settle time in these polls, so the recorded one was looked at and left alone.
        await PollingRig.MorePollsAsync(Woo, "/wp-json/wc/v3/orders", count: 3, after: delivered.ModifiedAt.AddSeconds(4));
        (await rig.EventsAsync(StreamOf(delivered))).Select(e => e.EventId).ShouldBe(webhookEvents.Select(e => e.EventId));
        (await rig.EventsAsync(StreamOf(lost))).Count.ShouldBe(1);
    }
}
