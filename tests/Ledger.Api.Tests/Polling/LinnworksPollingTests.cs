using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Application;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Channels;
using Ledger.Domain.Channels.Linnworks;
using Ledger.Simulators.Faults;
using Ledger.Simulators.Linnworks;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Polling;

public sealed class LinnworksRig : PollingRig
{
    protected override string Connector => "Linnworks";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Connectors:Linnworks:Polling:Interval", "00:00:00.200"),
        // The simulator's quota minute is scaled down with everything else; Ledger's limiter keeps the same window.
        new("Connectors:Linnworks:RateLimits:Window", "00:00:00.600"),
    ];
}

[Trait("Category", "Integration")]
public sealed class LinnworksPollingTests(LinnworksRig rig) : IClassFixture<LinnworksRig>
{
    private LinnworksSimulator Linnworks => rig.Simulators.Linnworks;

    private static StreamName StreamOf(LinnworksOrder order) => StreamName.For("linnworks.order", order.OrderId.ToString());

    private LinnworksOrder AddOrder(bool paid = true, string postalService = "InPost Locker 48") => Linnworks.AddOpenOrder(new LinnworksNewOrder
    {
        ReferenceNum = "#" + Random.Shared.Next(10_000, 99_999),
        Paid = paid,
        PostalServiceName = postalService,
        Address = new LinnworksAddress
        {
            FullName = "Ada Lovelace",
            Address1 = "1 Analytical St",
            Town = "London",
            PostCode = "N1 9GU",
            EmailAddress = "ada@example.com",
            PhoneNumber = "07912345678",
        },
        Items = [new LinnworksNewOrderItem { Sku = "TEE-BLK-M", Quantity = 2, PricePerUnit = 20m, Title = "Tee" }],
    });

    private static ChannelOrder OrderIn(RecordedEvent e) => JsonSerializer.Deserialize<ChannelOrder>(e.Payload.Span, LedgerJson.Options)!;

    [Fact]
    public async Task GivenAnOpenOrder_ThenRecordedOnceAndAnUnchangedRepollAppendsNothing()
    {
        var order = AddOrder();

        var recorded = (await rig.StreamAsync(StreamOf(order), 1)).Single();
        await PollingRig.MorePollsAsync(Linnworks, "/Orders/GetOpenOrders", count: 3);

        (await rig.EventsAsync(StreamOf(order))).Count.ShouldBe(1);
        recorded.Type.ShouldBe(LinnworksEventTypes.OrderReported);
        var channelOrder = OrderIn(recorded);
        channelOrder.Channel.ShouldBe("linnworks");
        channelOrder.OrderId.ShouldBe(order.OrderId.ToString());
        channelOrder.OrderName.ShouldBe(order.NumOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        channelOrder.Status.ShouldBe("PAID");
        channelOrder.IsPaid.ShouldBeTrue();
        channelOrder.IsCancelled.ShouldBeFalse();
        channelOrder.ShippingMethod.ShouldBe("InPost Locker 48");
        channelOrder.Lines.Single().Sku.ShouldBe("TEE-BLK-M");
        channelOrder.Lines.Single().Quantity.ShouldBe(2);
        channelOrder.ShipTo!.Phone.ShouldBe("07912345678");
        channelOrder.ShipTo.Email.ShouldBe("ada@example.com");
        channelOrder.ShipTo.CountryCode.ShouldBe("GB");
        var raw = Encoding.UTF8.GetString((await rig.Store.ReadRawBodyAsync(recorded.EventId))!.Value.Span);
        raw.ShouldContain(order.OrderId.ToString());
    }

    [Fact]
    public async Task GivenAnOrderThatChanges_ThenTheChangeIsRecordedAgainOnce()
    {
        var order = AddOrder(paid: false);
        (await rig.StreamAsync(StreamOf(order), 1)).Single().ShouldSatisfyAllConditions(e => OrderIn(e).Status.ShouldBe("UNPAID"));

        Linnworks.MarkPaid(order.OrderId);

        var events = await rig.StreamAsync(StreamOf(order), 2);
        await PollingRig.MorePollsAsync(Linnworks, "/Orders/GetOpenOrders", count: 3);
        (await rig.EventsAsync(StreamOf(order))).Count.ShouldBe(2);
        OrderIn(events[1]).ShouldSatisfyAllConditions(o => o.Status.ShouldBe("PAID"), o => o.IsPaid.ShouldBeTrue());
    }

    [Fact]
    public async Task GivenAProcessedOrder_ThenOrderProcessedIsRecordedOnce()
    {
        var order = AddOrder(postalService: LinnworksPostalService.Standard.Name);
        await rig.StreamAsync(StreamOf(order), 1);

        await ProcessAsync(order.OrderId);

        var events = await rig.StreamAsync(StreamOf(order), 2);
        await PollingRig.MorePollsAsync(Linnworks, "/ProcessedOrders/SearchProcessedOrdersPaged", count: 4);
        (await rig.EventsAsync(StreamOf(order))).Select(e => e.Type).ShouldBe([LinnworksEventTypes.OrderReported, LinnworksEventTypes.OrderProcessed]);
        using var payload = JsonDocument.Parse(events[1].Payload);
        payload.RootElement.GetProperty("orderId").GetString().ShouldBe(order.OrderId.ToString());
    }

    [Fact]
    public async Task GivenACancelledOrder_ThenItsCancellationIsRecordedFromTheProcessedBook()
    {
        var order = AddOrder();
        await rig.StreamAsync(StreamOf(order), 1);

        Linnworks.Cancel(order.OrderId, "customer changed their mind");

        var events = await rig.StreamAsync(StreamOf(order), 2);
        OrderIn(events[1]).IsCancelled.ShouldBeTrue();
        events[1].Metadata.Attributes!["book"].ShouldBe("processed");
    }

    [Fact]
    public async Task GivenTheSessionLapses_ThenLedgerAuthorisesAgainAndCarriesOn()
    {
        var lapsedAt = DateTimeOffset.UtcNow;
        var authorisations = Authorisations();
        Linnworks.ExpireSessions();

        var order = AddOrder();

        await rig.StreamAsync(StreamOf(order), 1);
        Authorisations().ShouldBeGreaterThan(authorisations);
        Linnworks.Requests.All.ShouldContain(r => r.ReceivedAt >= lapsedAt && r.StatusCode == 401 && r.Path.Contains("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenLinnworksAnswers429_ThenLedgerWaitsForRetryAfterAndCarriesOn()
    {
        var faultedAt = DateTimeOffset.UtcNow;
        Linnworks.Faults.Enqueue(Fault.TooManyRequests(TimeSpan.FromSeconds(1)));

        var order = AddOrder();

        await rig.StreamAsync(StreamOf(order), 1);
        var log = Linnworks.Requests.All.Where(r => r.ReceivedAt >= faultedAt).ToList();
        var throttled = log.FindIndex(r => r.StatusCode == 429);
        throttled.ShouldBeGreaterThanOrEqualTo(0);
        var retry = log[throttled + 1];
        retry.Path.ShouldBe(log[throttled].Path);
        (retry.ReceivedAt - log[throttled].ReceivedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9));
    }

    private int Authorisations() => Linnworks.Requests.Matching("POST", "/Auth/AuthorizeByApplication").Count;

    /// <summary>Processes the order the way a warehouse user's Linnworks session would, over the wire API.</summary>
    private async Task ProcessAsync(Guid orderId)
    {
        using var http = new HttpClient();
        var options = Linnworks.Options;
        using var auth = await http.PostAsJsonAsync(new Uri(rig.Simulators.UrlOf(Linnworks) + "/api/Auth/AuthorizeByApplication"),
            new { options.ApplicationId, options.ApplicationSecret, options.Token });
        using var session = JsonDocument.Parse(await auth.Content.ReadAsStringAsync());
        var server = session.RootElement.GetProperty("Server").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server + "/api/Orders/ProcessOrder"))
        {
            Content = JsonContent.Create(new { orderId, scanPerformed = true }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", session.RootElement.GetProperty("Token").GetString());
        using var processed = await http.SendAsync(request);
        using var answer = JsonDocument.Parse(await processed.Content.ReadAsStringAsync());
        answer.RootElement.GetProperty("Processed").GetBoolean().ShouldBeTrue(answer.RootElement.GetRawText());
    }
}
