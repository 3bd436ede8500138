using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Carriers.InPost;
using Ledger.Domain.Warehouse.Acs;
using Ledger.Domain.Warehouse.Peoplevox;
using Ledger.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Webhooks;

[Trait("Category", "Integration")]
public sealed class PeoplevoxCallbackTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private IEventStore Store => app.Services.GetRequiredService<IEventStore>();

    private static string Number() => "SO" + Random.Shared.Next(1_000_000, 9_999_999);

    [Fact]
    public async Task GivenAStatusChangeCallback_ThenRecordedOnceEvenWhenRepeated()
    {
        using var client = app.CreateClient();
        var number = Number();
        var url = $"/webhooks/peoplevox/SalesOrderStatusChanges?token={SignedRequests.PeoplevoxToken}&SalesOrderNumber={number}&Status=Despatched&LastModificationTime=2026-11-20T10%3A00%3A00Z";

        (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var e = (await Store.ReadStreamAsync(StreamName.For("peoplevox.salesorder", number)).ToListAsync()).Single();
        e.Type.ShouldBe(PeoplevoxEventTypes.SalesOrderStatusChanged);
        Encoding.UTF8.GetString((await Store.ReadRawBodyAsync(e.EventId))!.Value.Span).ShouldStartWith("GET /webhooks/peoplevox/SalesOrderStatusChanges?");
    }

    [Fact]
    public async Task GivenAPostedTrackingCallback_ThenRecordedWithTheDespatch()
    {
        using var client = app.CreateClient();
        var number = Number();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["SalesOrderNumber"] = number, ["DespatchNumber"] = "D1", ["TrackingNumber"] = "TRK1", ["Carrier"] = "InPost", ["ServiceType"] = "Locker",
        });

        using var response = await client.PostAsync(new Uri($"/webhooks/peoplevox/TrackingNumberReceived?token={SignedRequests.PeoplevoxToken}", UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var payload = JsonDocument.Parse((await Store.ReadStreamAsync(StreamName.For("peoplevox.salesorder", number)).SingleAsync()).Payload);
        payload.RootElement.GetProperty("trackingNumber").GetString().ShouldBe("TRK1");
    }

    [Fact]
    public async Task GivenAvailabilityCallbacks_ThenARepeatedValueIsADuplicateButAReturnToAnEarlierValueIsNot()
    {
        using var client = app.CreateClient();
        var item = "ITEM-" + Guid.NewGuid().ToString("N")[..6];
        string Url(int n) => $"/webhooks/peoplevox/AvailabilityChanges?token={SignedRequests.PeoplevoxToken}&ItemCode={item}&Available={n}";

        foreach (var n in new[] { 5, 5, 4, 5 })
        {
            (await client.GetAsync(new Uri(Url(n), UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var values = (await Store.ReadStreamAsync(StreamName.For("peoplevox.item", item)).ToListAsync())
            .Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("available").GetInt32()).ToList();
        values.ShouldBe([5, 4, 5]);
    }

    [Theory]
    [InlineData("/webhooks/peoplevox/SalesOrderStatusChanges?token=wrong&SalesOrderNumber=A&Status=New", HttpStatusCode.Unauthorized, null)]
    [InlineData("/webhooks/peoplevox/SalesOrderStatusChanges?SalesOrderNumber=A&Status=New", HttpStatusCode.Unauthorized, null)]
    [InlineData("/webhooks/peoplevox/SalesOrderStatusChanges?token=peoplevox-dev-token&SalesOrderNumber={SalesOrderNumber}&Status=New", HttpStatusCode.BadRequest, "SalesOrderNumber")]
    [InlineData("/webhooks/peoplevox/SalesOrderStatusChanges?token=peoplevox-dev-token&SalesOrderNumber=A", HttpStatusCode.BadRequest, "Status")]
    [InlineData("/webhooks/peoplevox/AvailabilityChanges?token=peoplevox-dev-token&ItemCode=A&Available=many", HttpStatusCode.BadRequest, "Available")]
    [InlineData("/webhooks/peoplevox/Teleported?token=peoplevox-dev-token", HttpStatusCode.BadRequest, "eventType")]
    public async Task GivenBadCallbacks_ThenRefusedNamingWhatIsWrong(string url, HttpStatusCode status, string? field)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        response.StatusCode.ShouldBe(status);
        if (field is not null)
        {
            (await response.Content.ReadAsStringAsync()).ShouldContain($"\"{field}\"");
        }
    }
}

[Trait("Category", "Integration")]
public sealed class InPostWebhookTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private IEventStore Store => app.Services.GetRequiredService<IEventStore>();

    [Fact]
    public async Task GivenInPostsUrlCheck_Then200()
    {
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/webhooks/inpost", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GivenConfirmationThenStatusChanges_ThenEachRecordedOnceInTheShipmentStream()
    {
        using var client = app.CreateClient();
        var id = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var confirmed = SignedRequests.InPostEvent(id, "shipment_confirmed", "confirmed", eventTs: "2026-11-20 10:00:00 +0100");
        var ready = SignedRequests.InPostEvent(id, status: "ready_to_pickup", eventTs: "2026-11-21 08:00:00 +0100");

        (await client.SendAsync(SignedRequests.InPost(confirmed))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(SignedRequests.InPost(ready))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(SignedRequests.InPost(ready))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await Store.ReadStreamAsync(StreamName.For("inpost.shipment", id)).ToListAsync();
        events.Select(e => e.Type).ShouldBe([InPostEventTypes.ShipmentConfirmed, InPostEventTypes.ShipmentStatusChanged]);
        events[1].Metadata.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task GivenAWrongToken_Then401()
    {
        using var client = app.CreateClient();
        (await client.SendAsync(SignedRequests.InPost(SignedRequests.InPostEvent("1"), "guess"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GivenTheRightTokenFromAnAddressOutsideTheAllowList_Then401()
    {
        using var client = app.CreateClient();
        using var request = SignedRequests.InPost(SignedRequests.InPostEvent("2"));
        request.Headers.Add(LedgerApp.RemoteAddressHeader, "203.0.113.9");

        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"event":"shipment_status_changed","payload":{"shipment_id":1,"status":"delivered"}}""", "event_ts")]
    [InlineData("""{"event_ts":"yesterday","event":"shipment_status_changed","payload":{"shipment_id":1,"status":"delivered"}}""", "event_ts")]
    [InlineData("""{"event_ts":"2026-11-20 10:00:00 +0100","event":"shipment_status_changed","payload":{"shipment_id":1}}""", "payload.status")]
    [InlineData("""{"event_ts":"2026-11-20 10:00:00 +0100","event":"parcel_teleported","payload":{"shipment_id":1}}""", "event")]
    public async Task GivenAMalformedBody_Then400NamingTheField(string json, string field)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedRequests.InPost(Encoding.UTF8.GetBytes(json)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"\"{field}\"");
    }
}

[Trait("Category", "Integration")]
public sealed class AcsImportTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    private IEventStore Store => app.Services.GetRequiredService<IEventStore>();

    private static string StockFile(int tags, string? badLine = null)
    {
        var lines = new List<string> { "TagId,Sku,LocationStatus,LastUpdated" };
        var salt = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < tags; i++)
        {
            var status = (i % 3) switch { 0 => "In warehouse – ready for customer", 1 => "In-Refurbishment", _ => "Post-Rental Inspection" };
            lines.Add($"RFID-{salt}-{i},DRESS-{i % 4},{status},2026-11-20T06:00:00Z");
        }

        if (badLine is not null)
        {
            lines.Insert(5, badLine);
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    [Fact]
    public async Task GivenADailyStockFile_ThenImportedOnceWithTagsCountedPerSkuAndStatus()
    {
        using var client = app.CreateClient();
        var file = Encoding.UTF8.GetBytes(StockFile(30));

        using var first = await client.SendAsync(SignedRequests.Acs("/imports/acs/stock", file, "text/csv"));
        using var again = await client.SendAsync(SignedRequests.Acs("/imports/acs/stock", file, "text/csv"));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("duplicate");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
        var e = (await Store.ReadStreamAsync(StreamName.For("acs.stockfile", sha)).ToListAsync()).Single();
        e.Type.ShouldBe(AcsEventTypes.StockFileImported);
        (await Store.ReadRawBodyAsync(e.EventId))!.Value.ToArray().ShouldBe(file);
        using var payload = JsonDocument.Parse(e.Payload);
        payload.RootElement.GetProperty("rows").GetInt32().ShouldBe(30);
        var dress0 = payload.RootElement.GetProperty("skus").EnumerateArray().Single(s => s.GetProperty("sku").GetString() == "DRESS-0");
        dress0.GetProperty("tagsByStatus").GetProperty("In warehouse – ready for customer").GetInt32().ShouldBe(3);
    }

    [Theory]
    [InlineData("RFID-X,DRESS-1,In-Refurbishment,not-a-date", "line 6.LastUpdated")]
    [InlineData("RFID-X,,In-Refurbishment,2026-11-20T06:00:00Z", "line 6.Sku")]
    [InlineData("RFID-X,DRESS-1,\"In-Refurb\"ishment\",2026-11-20T06:00:00Z", "line 6")]
    [InlineData("RFID-X,DRESS-1", "line 6")]
    public async Task GivenAFileWithOneMalformedRow_ThenTheWholeFileIsRejectedNamingTheLineAndNothingIsAppended(string badLine, string field)
    {
        using var client = app.CreateClient();
        var file = Encoding.UTF8.GetBytes(StockFile(10, badLine));

        using var response = await client.SendAsync(SignedRequests.Acs("/imports/acs/stock", file, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(field);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file));
        (await Store.GetStreamRevisionAsync(StreamName.For("acs.stockfile", sha))).ShouldBe(-1);
        (await Store.ReadEventAsync(Ledger.Domain.Shared.DeterministicGuid.Create($"acs/stockfile/{sha}"))).ShouldBeNull();
    }

    [Fact]
    public async Task GivenOrderStatusAndReturnsMessages_ThenRecordedOnceByMessageId()
    {
        using var client = app.CreateClient();
        var order = "ACS-" + Random.Shared.Next(100_000, 999_999);
        var status = Encoding.UTF8.GetBytes($$"""{"messageId":"m-{{order}}","orderNumber":"{{order}}","status":"Despatched","lines":[{"sku":"DRESS-1","quantity":1}],"trackingNumber":"T1","carrier":"InPost","occurredAt":"2026-11-20T12:00:00Z"}""");
        var graded = Encoding.UTF8.GetBytes($$"""{"messageId":"g-{{order}}","tagId":"RFID-{{order}}","sku":"DRESS-1","orderNumber":"{{order}}","grade":"BER","occurredAt":"2026-11-25T12:00:00Z"}""");

        (await client.SendAsync(SignedRequests.Acs("/webhooks/acs/orderstatus", status, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(SignedRequests.Acs("/webhooks/acs/orderstatus", status, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.SendAsync(SignedRequests.Acs("/webhooks/acs/returns", graded, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Store.ReadStreamAsync(StreamName.For("acs.order", order)).SingleAsync()).Type.ShouldBe(AcsEventTypes.OrderStatusChanged);
        (await Store.ReadStreamAsync(StreamName.For("acs.tag", $"RFID-{order}")).SingleAsync()).Type.ShouldBe(AcsEventTypes.ReturnGraded);
    }

    [Fact]
    public async Task GivenFilesDroppedIntoTheWatchedFolder_ThenTheGoodOneIsImportedAndTheBadOneRejectedWithItsLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "acs-drop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var good = Encoding.UTF8.GetBytes(StockFile(6));
            await File.WriteAllBytesAsync(Path.Combine(folder, "stock-2026-11-20.csv"), good);
            await File.WriteAllTextAsync(Path.Combine(folder, "stock-2026-11-21.csv"), StockFile(6, "RFID-Y,DRESS-1,In-Refurbishment,soon"));
            foreach (var file in Directory.GetFiles(folder))
            {
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
            }

            var watcher = new Ledger.Infrastructure.Connectors.Acs.AcsDropFolderWatcher(
                new Ledger.Application.Connectors.Acs.AcsOptions { DropFolder = folder },
                app.Services.GetRequiredService<Ledger.Application.Connectors.Acs.AcsReceiver>(),
                TimeProvider.System,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<Ledger.Infrastructure.Connectors.Acs.AcsDropFolderWatcher>.Instance);

            await watcher.ImportReadyFilesAsync(folder, CancellationToken.None);

            File.Exists(Path.Combine(folder, "processed", "stock-2026-11-20.csv")).ShouldBeTrue();
            File.Exists(Path.Combine(folder, "rejected", "stock-2026-11-21.csv")).ShouldBeTrue();
            (await File.ReadAllTextAsync(Path.Combine(folder, "rejected", "stock-2026-11-21.csv.error.txt"))).ShouldContain("line 6.LastUpdated");
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(good));
            var e = await Store.ReadStreamAsync(StreamName.For("acs.stockfile", sha)).SingleAsync();
            e.Metadata.SourceMessageId.ShouldBe("stock-2026-11-20.csv");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task GivenAWrongKey_Then401()
    {
        using var client = app.CreateClient();
        (await client.SendAsync(SignedRequests.Acs("/imports/acs/stock", Encoding.UTF8.GetBytes(StockFile(2)), "text/csv", "guess"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
