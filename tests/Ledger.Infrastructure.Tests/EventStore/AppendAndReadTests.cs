using System.Text;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Testing;
using Shouldly;
using Xunit;

namespace Ledger.Infrastructure.Tests.EventStore;

[Trait("Category", "Integration")]
public sealed class AppendAndReadTests(LedgerDatabaseFixture db) : IClassFixture<LedgerDatabaseFixture>
{
    [Fact]
    public async Task GivenNewStream_WhenAppendingBatch_ThenEventsReadBackInOrderWithAllMetadata()
    {
        var stream = Events.NewStream("shopify.order");
        var occurred = new DateTimeOffset(2026, 11, 20, 9, 30, 15, 123, TimeSpan.FromHours(1));
        var raw = Encoding.UTF8.GetBytes("{ \"id\" : 820982911946154508,\n  \"email\":\"a@b.c\" }");
        var first = new EventData(Guid.NewGuid(), "shopify.order-created.v1", Encoding.UTF8.GetBytes("""{"id":820982911946154508}"""),
            new EventMetadata("shopify", "delivery-1", occurred, "order-820982911946154508", Guid.NewGuid(),
                new Dictionary<string, string> { ["eventId"] = "e-77", ["apiVersion"] = "2025-01" }), SchemaVersion: 2, RawBody: raw);
        var second = Events.Any("shopify.order-paid.v1");

        var result = await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, [first, second]);

        result.NextExpectedRevision.ShouldBe(1);
        result.AlreadyStored.ShouldBeFalse();
        var read = await db.Store.ReadStreamAsync(stream).ToListAsync();
        read.Select(e => e.EventId).ShouldBe([first.EventId, second.EventId]);
        read.Select(e => e.StreamRevision).ShouldBe([0L, 1L]);
        read[0].Position.ShouldBeLessThan(read[1].Position);
        read[1].Position.ShouldBe(result.LogPosition);
        var e0 = read[0];
        e0.Type.ShouldBe("shopify.order-created.v1");
        e0.SchemaVersion.ShouldBe(2);
        e0.Stream.Category.ShouldBe("shopify.order");
        e0.Metadata.ShouldBe(first.Metadata with { OccurredAt = occurred.ToUniversalTime(), Attributes = e0.Metadata.Attributes });
        e0.Metadata.Attributes.ShouldBe(first.Metadata.Attributes, ignoreOrder: true);
        e0.Metadata.OccurredAt!.Value.ShouldBe(occurred);
        e0.RecordedAt.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Encoding.UTF8.GetString(e0.Payload.Span).ShouldBe("""{"id": 820982911946154508}""");
        e0.RawSha256!.Value.ToArray().ShouldBe(System.Security.Cryptography.SHA256.HashData(raw));
        e0.Hash.Length.ShouldBe(32);
        (await db.Store.ReadRawBodyAsync(first.EventId))!.Value.ToArray().ShouldBe(raw);
    }

    [Fact]
    public async Task GivenStream_WhenReadingBackwardsFromARevision_ThenNewestFirst()
    {
        var stream = Events.NewStream();
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Events.Many(5));

        var backwards = await db.Store.ReadStreamAsync(stream, ReadDirection.Backwards, fromRevision: 3, maxCount: 2).ToListAsync();
        var forwards = await db.Store.ReadStreamAsync(stream, ReadDirection.Forwards, fromRevision: 2).ToListAsync();

        backwards.Select(e => e.StreamRevision).ShouldBe([3L, 2L]);
        forwards.Select(e => e.StreamRevision).ShouldBe([2L, 3L, 4L]);
        (await db.Store.ReadStreamAsync(stream, ReadDirection.Backwards).FirstAsync()).StreamRevision.ShouldBe(4);
    }

    [Fact]
    public async Task GivenEventsInSeveralStreams_WhenReadingACategory_ThenOnlyThatCategoryInPositionOrder()
    {
        var category = "cat" + Guid.NewGuid().ToString("N")[..8];
        var a = Events.NewStream(category);
        var b = Events.NewStream(category);
        var other = Events.NewStream(category + "x");
        await db.Store.AppendToStreamAsync(a, ExpectedRevision.Any, Events.Many(2));
        await db.Store.AppendToStreamAsync(other, ExpectedRevision.Any, Events.Many(2));
        await db.Store.AppendToStreamAsync(b, ExpectedRevision.Any, Events.Many(2));

        // Readers see an append once every transaction that started writing before it has finished
        // (other test classes share the cluster), so wait for it rather than expect it at once.
        var read = new List<RecordedEvent>();
        await Probe.UntilAsync(async () => (read = await db.Store.ReadCategoryAsync(category, Position.Start).ToListAsync()).Count >= 4);

        read.Select(e => e.Stream).ShouldBe([a, a, b, b]);
        read.Select(e => e.Position).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task GivenLog_WhenReadingAllFromAPosition_ThenOnlyLaterEventsAndHeadIsTheLast()
    {
        var stream = Events.NewStream();
        var first = await db.Store.AppendToStreamAsync(stream, ExpectedRevision.Any, Events.Many(3));
        var second = await db.Store.AppendToStreamAsync(stream, ExpectedRevision.Any, Events.Many(2));

        var after = new List<RecordedEvent>();
        await Probe.UntilAsync(async () => (after = await db.Store.ReadAllAsync(first.LogPosition).ToListAsync()).Any(e => e.Position == second.LogPosition));


        after.ShouldAllBe(e => e.Position > first.LogPosition);
        after.Select(e => e.Position).ShouldBeInOrder(SortDirection.Ascending);
        (await db.Store.ReadHeadPositionAsync()).ShouldBeGreaterThanOrEqualTo(second.LogPosition);
    }

    [Fact]
    public async Task GivenMissingEventOrStream_WhenRead_ThenNothing()
    {
        (await db.Store.ReadEventAsync(Guid.NewGuid())).ShouldBeNull();
        (await db.Store.ReadRawBodyAsync(Guid.NewGuid())).ShouldBeNull();
        (await db.Store.GetStreamRevisionAsync(Events.NewStream())).ShouldBe(-1);
        (await db.Store.ReadStreamAsync(Events.NewStream()).ToListAsync()).ShouldBeEmpty();
    }
}
