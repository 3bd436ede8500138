using System.Text.Json;
using Ledger.Application;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Carriers.InPost;
using Ledger.Simulators.InPost;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.Polling;

public sealed class InPostRig : PollingRig
{
    protected override string Connector => "InPost";

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Connectors:InPost:Polling:Interval", "00:00:00.200"),
        new("Connectors:InPost:WatchedPoints:0", "LDN01M"),
        // A name InPost does not know: logged and skipped, never stopping the other points.
        new("Connectors:InPost:WatchedPoints:1", "NOPE99"),
    ];
}

[Trait("Category", "Integration")]
public sealed class InPostPointsPollingTests(InPostRig rig) : IClassFixture<InPostRig>
{
    [Fact]
    public async Task GivenAWatchedPointStopsOperating_ThenTheChangeIsRecordedOnce()
    {
        var stream = StreamName.For("inpost.point", "LDN01M");
        (await rig.StreamAsync(stream, 1)).Single().ShouldSatisfyAllConditions(e => Changed(e).Status.ShouldBe(ShipXPoint.Operating));

        rig.Simulators.InPost.SetPointStatus("LDN01M", ShipXPoint.NonOperating);

        var events = await rig.StreamAsync(stream, 2);
        await PollingRig.MorePollsAsync(rig.Simulators.InPost, "/v1/points/LDN01M", count: 3);
        (await rig.EventsAsync(stream)).Count.ShouldBe(2);
        events[1].Type.ShouldBe(InPostEventTypes.PointStatusChanged);
        Changed(events[1]).ShouldBe(new InPostPointStatusChanged("LDN01M", ShipXPoint.NonOperating, ShipXPoint.Operating));
        (await rig.EventsAsync(StreamName.For("inpost.point", "NOPE99"))).ShouldBeEmpty();
    }

    private static InPostPointStatusChanged Changed(RecordedEvent e) =>
        JsonSerializer.Deserialize<InPostPointStatusChanged>(e.Payload.Span, LedgerJson.Options)!;
}
