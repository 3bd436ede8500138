using System.Text;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Infrastructure.EventStore;
using Ledger.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace Ledger.Infrastructure.Tests.EventStore;

[Trait("Category", "Integration")]
public sealed class TamperEvidenceTests(LedgerDatabaseFixture db) : IClassFixture<LedgerDatabaseFixture>
{
    private async Task<(StreamName Stream, List<RecordedEvent> Events)> StreamOfFive()
    {
        var stream = Events.NewStream("customer");
        var events = Enumerable.Range(0, 5)
            .Select(i => Events.Any("shopify.order-created.v1", $$"""{"i":{{i}},"phone":"+447700900{{i:D3}}"}""", raw: Encoding.UTF8.GetBytes($"raw {i}")))
            .ToArray();
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);
        return (stream, await db.Store.ReadStreamAsync(stream).ToListAsync());
    }

    private async Task Sql(string sql, params object[] parameters)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task GivenUntouchedStream_WhenVerified_ThenIntact()
    {
        var (stream, _) = await StreamOfFive();

        var report = await db.Audit.VerifyAsync(stream);

        report.IsIntact.ShouldBeTrue();
        report.EventsChecked.ShouldBe(5);
        report.StreamsChecked.ShouldBe(1);
    }

    [Fact]
    public async Task GivenAPayloadEditedBehindLedgersBack_WhenVerified_ThenThatEventIsNamed()
    {
        var (stream, events) = await StreamOfFive();
        await Sql("""update ledger.events set payload = '{"i":2,"phone":"+447700900999"}' where event_id = $1""", events[2].EventId);

        var report = await db.Audit.VerifyAsync(stream);

        report.IsIntact.ShouldBeFalse();
        report.FirstFailure!.EventId.ShouldBe(events[2].EventId);
        report.FirstFailure.StreamRevision.ShouldBe(2);
        report.FirstFailure.Kind.ShouldBe(VerifyFailureKind.PayloadAltered);
    }

    [Fact]
    public async Task GivenMetadataEditedBehindLedgersBack_WhenVerified_ThenHashMismatchAtThatEvent()
    {
        var (stream, events) = await StreamOfFive();
        await Sql("update ledger.events set source_system = 'peoplevox' where event_id = $1", events[1].EventId);

        var report = await db.Audit.VerifyAsync(stream);

        report.FirstFailure.ShouldNotBeNull();
        report.FirstFailure.Stream.ShouldBe(stream);
        report.FirstFailure.EventId.ShouldBe(events[1].EventId);
        report.FirstFailure.Kind.ShouldBe(VerifyFailureKind.HashMismatch);
    }

    [Fact]
    public async Task GivenAPayloadAndItsDigestBothRewritten_WhenVerified_ThenTheHashNoLongerMatches()
    {
        var (stream, events) = await StreamOfFive();
        await Sql("""
            update ledger.events set payload = '{"i":3}', payload_sha256 = sha256(convert_to('{"i": 3}', 'UTF8')) where event_id = $1
            """, events[3].EventId);

        var report = await db.Audit.VerifyAsync(stream);

        report.FirstFailure!.EventId.ShouldBe(events[3].EventId);
        report.FirstFailure.Kind.ShouldBe(VerifyFailureKind.HashMismatch);
    }

    [Fact]
    public async Task GivenAnEventDeletedFromTheMiddle_WhenVerified_ThenTheGapIsNamed()
    {
        var (stream, events) = await StreamOfFive();
        await Sql("delete from ledger.events where event_id = $1", events[2].EventId);

        var report = await db.Audit.VerifyAsync(stream);

        report.FirstFailure!.EventId.ShouldBe(events[3].EventId);
        report.FirstFailure.Kind.ShouldBe(VerifyFailureKind.RevisionGap);
    }

    [Fact]
    public async Task GivenPersonalDataErasedOnRequest_WhenVerified_ThenIntactWithTheEventReportedErased()
    {
        var (stream, events) = await StreamOfFive();

        (await db.Audit.ErasePersonalDataAsync(events[1].EventId, "customer erasure request CS-1042", "cs@brand.example")).ShouldBeTrue();
        (await db.Audit.ErasePersonalDataAsync(events[1].EventId, "repeated request", "cs@brand.example")).ShouldBeTrue();

        var report = await db.Audit.VerifyAsync(stream);
        report.IsIntact.ShouldBeTrue();
        report.EventsErased.ShouldBe(1);
        var erased = await db.Store.ReadEventAsync(events[1].EventId);
        erased!.IsErased.ShouldBeTrue();
        erased.Payload.Length.ShouldBe(0);
        erased.PayloadSha256.ToArray().ShouldBe(events[1].PayloadSha256.ToArray());
        (await db.Store.ReadRawBodyAsync(events[1].EventId)).ShouldBeNull();
        var record = await db.Store.ReadStreamAsync(StreamName.For(PostgresEventLogAudit.ErasureCategory, events[1].EventId.ToString())).ToListAsync();
        record.Count.ShouldBe(1);
        record[0].Type.ShouldBe(PostgresEventLogAudit.ErasureEventType);
        (await db.Audit.VerifyAsync(record[0].Stream)).IsIntact.ShouldBeTrue();
    }

    [Fact]
    public async Task GivenAPayloadBlankedWithoutAnErasureRecord_WhenVerified_ThenReportedAsTampering()
    {
        var (stream, events) = await StreamOfFive();
        await Sql("update ledger.events set payload = null, raw_body = null, erased_at = now() where event_id = $1", events[4].EventId);

        var report = await db.Audit.VerifyAsync(stream);

        report.FirstFailure!.EventId.ShouldBe(events[4].EventId);
        report.FirstFailure.Kind.ShouldBe(VerifyFailureKind.ErasedWithoutRecord);
    }

    [Fact]
    public async Task GivenARawBodyEdited_WhenVerified_ThenPayloadAltered()
    {
        var (stream, events) = await StreamOfFive();
        await Sql("update ledger.events set raw_body = convert_to('forged', 'UTF8') where event_id = $1", events[0].EventId);

        var report = await db.Audit.VerifyAsync(stream);

        report.FirstFailure!.EventId.ShouldBe(events[0].EventId);
        report.FirstFailure.Kind.ShouldBe(VerifyFailureKind.PayloadAltered);
    }

    [Fact]
    public async Task GivenAnUnknownEvent_WhenErased_ThenFalse() =>
        (await db.Audit.ErasePersonalDataAsync(Guid.NewGuid(), "x", "y")).ShouldBeFalse();
}

/// <summary>Verifying every stream at once, on a database of its own so other tests' tampering stays out.</summary>
[Trait("Category", "Integration")]
public sealed class WholeLogVerifyTests(LedgerDatabaseFixture db) : IClassFixture<LedgerDatabaseFixture>
{
    [Fact]
    public async Task GivenManyStreams_WhenOneEventIsEditedBehindLedgersBack_ThenVerifyingTheWholeLogNamesIt()
    {
        var streams = Enumerable.Range(0, 20).Select(_ => Events.NewStream("order")).ToList();
        foreach (var stream in streams)
        {
            await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Events.Many(10));
        }

        var before = await db.Audit.VerifyAsync(null);
        var victim = (await db.Store.ReadStreamAsync(streams[13]).ToListAsync())[6];
        await using (var command = db.DataSource.CreateCommand("update ledger.events set occurred_at = occurred_at - interval '1 day' where event_id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = victim.EventId });
            await command.ExecuteNonQueryAsync();
        }

        var after = await db.Audit.VerifyAsync(null);

        before.IsIntact.ShouldBeTrue();
        before.StreamsChecked.ShouldBe(20);
        before.EventsChecked.ShouldBe(200);
        after.FirstFailure!.EventId.ShouldBe(victim.EventId);
        after.FirstFailure.Stream.ShouldBe(streams[13]);
        after.FirstFailure.Kind.ShouldBe(VerifyFailureKind.HashMismatch);
    }
}
