using System.Text.Json;
using Ledger.Application;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Warehouse.Peoplevox;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Peoplevox;
using Shouldly;
using Xunit;
using PeoplevoxEventTypes = Ledger.Domain.Warehouse.Peoplevox.PeoplevoxEventTypes;

namespace Ledger.Api.Tests.Polling;

public sealed class PeoplevoxRig : PollingRig
{
    protected override string Connector => "Peoplevox";

    protected override SimulatorSettings Configure(SimulatorSettings settings) => settings with
    {
        Peoplevox = new PeoplevoxOptions { Subscriptions = PeoplevoxSubscriptionOptions.LedgerDefaults("peoplevox-dev-token") },
    };

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Connectors:Peoplevox:Polling:Interval", "00:00:00.200"),
        // Long enough for a cold Ledger to record the webhooks that do arrive before the poll looks.
        new("Connectors:Peoplevox:Polling:SettleTime", "00:00:03"),
    ];
}

[Trait("Category", "Integration")]
public sealed class PeoplevoxDespatchPollingTests(PeoplevoxRig rig) : IClassFixture<PeoplevoxRig>
{
    private Simulators.Peoplevox.PeoplevoxSimulator Peoplevox => rig.Simulators.Peoplevox;

    private static StreamName StreamOf(string number) => StreamName.For("peoplevox.salesorder", number);

    private string NewSalesOrder()
    {
        var number = "SO" + Random.Shared.Next(1_000_000, 9_999_999);
        Peoplevox.SeedItemTypes(PeoplevoxItemType.Create("TEE-BLK-M", "Tee"), PeoplevoxItemType.Create("CAP-RED", "Cap"));
        Peoplevox.SaveSalesOrder(
            new Dictionary<string, string> { ["SalesOrderNumber"] = number, ["Email"] = "ada@example.com", ["ShippingAddressCountry"] = "GB" },
            new Dictionary<string, string> { ["SalesOrderNumber"] = number, ["ItemCode"] = "TEE-BLK-M", ["QuantityOrdered"] = "2" },
            new Dictionary<string, string> { ["SalesOrderNumber"] = number, ["ItemCode"] = "CAP-RED", ["QuantityOrdered"] = "1" });
        return number;
    }

    [Fact]
    public async Task GivenADespatchWhoseCallbackWasLost_ThenTheReportFindsIt_AndSkipsOneAlreadyRecorded()
    {
        var called = NewSalesOrder();
        Peoplevox.AdvanceSalesOrder(called, PeoplevoxSalesOrderStatus.Despatched);
        await rig.Simulators.WhenWebhooksIdleAsync();
        (await rig.StreamAsync(StreamOf(called), 2)).ShouldContain(e => e.Type == PeoplevoxEventTypes.TrackingNumberReceived);

        var lost = NewSalesOrder();
        Peoplevox.DropNextCallbacks(2);
        Peoplevox.AdvanceSalesOrder(lost, PeoplevoxSalesOrderStatus.Despatched);
        await rig.Simulators.WhenWebhooksIdleAsync();
        var despatch = Peoplevox.Despatches.Single(d => d.SalesOrderNumber == lost);

        var recorded = (await rig.StreamAsync(StreamOf(lost), 1)).Single();
        recorded.Type.ShouldBe(PeoplevoxEventTypes.DespatchReported);
        var reported = JsonSerializer.Deserialize<PeoplevoxDespatchReported>(recorded.Payload.Span, LedgerJson.Options)!;
        reported.DespatchNumber.ShouldBe(despatch.DespatchNumber);
        reported.TrackingNumber.ShouldBe(despatch.TrackingNumber);
        reported.Items.OrderBy(i => i.ItemCode).ShouldBe([new PeoplevoxDespatchedItem("CAP-RED", 1), new PeoplevoxDespatchedItem("TEE-BLK-M", 2)]);

        // Later polls cover both despatches past their settle time: neither gains another event.
        var calledDespatch = Peoplevox.Despatches.Single(d => d.SalesOrderNumber == called);
        await PollingRig.MorePollsAsync(Peoplevox, "/resources/integrationservicev4.asmx", count: 3, after: calledDespatch.DespatchDate.AddSeconds(4));
        var calledEvents = await rig.EventsAsync(StreamOf(called));
        calledEvents.ShouldNotContain(e => e.Type == PeoplevoxEventTypes.DespatchReported, string.Join("\n", calledEvents.Select(e => e.Type + " " + System.Text.Encoding.UTF8.GetString(e.Payload.Span))));
        (await rig.EventsAsync(StreamOf(lost))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task GivenTheSessionExpires_ThenLedgerAuthenticatesAgainAndCarriesOn()
    {
        var authentications = Authentications();
        Peoplevox.ExpireSessions();

        var number = NewSalesOrder();
        Peoplevox.DropNextCallbacks(2);
        Peoplevox.AdvanceSalesOrder(number, PeoplevoxSalesOrderStatus.Despatched);

        (await rig.StreamAsync(StreamOf(number), 1)).Single().Type.ShouldBe(PeoplevoxEventTypes.DespatchReported);
        Authentications().ShouldBeGreaterThan(authentications);
    }

    private int Authentications() => Peoplevox.Requests.All.Count(r => r.Body.Contains("<Authenticate", StringComparison.Ordinal) || r.Body.Contains(":Authenticate", StringComparison.Ordinal));
}
