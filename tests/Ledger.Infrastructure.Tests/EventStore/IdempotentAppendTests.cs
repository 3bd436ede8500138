using Ledger.Application.Abstractions.EventStore;
using Ledger.Testing;
using Shouldly;
using Xunit;

namespace Ledger.Infrastructure.Tests.EventStore;

[Trait("Category", "Integration")]
public sealed class IdempotentAppendTests(LedgerDatabaseFixture db) : IClassFixture<LedgerDatabaseFixture>
{
    [Theory]
    [InlineData("no stream")]
    [InlineData("any")]
    [InlineData("exact")]
    public async Task GivenEventsAlreadyStored_WhenAppendedAgain_ThenSuccessAndNothingWritten(string expectation)
    {
        var stream = Events.NewStream();
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Events.Many(1));
        var events = Events.Many(3);
        var expected = expectation switch
        {
            "no stream" => ExpectedRevision.Any,
            "any" => ExpectedRevision.Any,
            _ => ExpectedRevision.Exact(0),
        };
        var first = await db.Store.AppendToStreamAsync(stream, expected, events);

        var again = await db.Store.AppendToStreamAsync(stream, expected, events);

        again.AlreadyStored.ShouldBeTrue();
        again.NextExpectedRevision.ShouldBe(first.NextExpectedRevision);
        again.LogPosition.ShouldBe(first.LogPosition);
        (await db.Store.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(4);
    }

    [Fact]
    public async Task GivenNewStream_WhenTheSameAppendIsRepeatedWithNoStream_ThenSecondIsAnIdempotentSuccess()
    {
        var stream = Events.NewStream();
        var events = Events.Many(2);
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        var again = await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        again.AlreadyStored.ShouldBeTrue();
        (await db.Store.ReadStreamAsync(stream).ToListAsync()).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GivenTheSameEventsAppendedByManyRacingWriters_ThenAllSucceedAndOneCopyIsStored(bool expectNoStream)
    {
        var stream = Events.NewStream();
        var events = Events.Many(3);
        var expected = expectNoStream ? ExpectedRevision.NoStream : ExpectedRevision.Any;

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => db.Store.AppendToStreamAsync(stream, expected, events)));

        results.Count(r => !r.AlreadyStored).ShouldBe(1);
        results.ShouldAllBe(r => r.NextExpectedRevision == 2);
        (await db.Store.ReadStreamAsync(stream).ToListAsync()).Select(e => e.EventId).ShouldBe(events.Select(e => e.EventId));
    }

    [Fact]
    public async Task GivenAnEventIdStoredInAnotherStream_WhenAppendedHere_ThenRefusedAndNothingWritten()
    {
        var events = Events.Many(1);
        await db.Store.AppendToStreamAsync(Events.NewStream(), ExpectedRevision.Any, events);
        var here = Events.NewStream();

        var refused = await Should.ThrowAsync<DuplicateEventIdException>(() => db.Store.AppendToStreamAsync(here, ExpectedRevision.Any, events));

        refused.EventId.ShouldBe(events[0].EventId);
        (await db.Store.GetStreamRevisionAsync(here)).ShouldBe(-1);
    }

    [Fact]
    public async Task GivenSomeOfTheEventsStored_WhenAppendedAgainWithMore_ThenConflictNotAPartialWrite()
    {
        var stream = Events.NewStream();
        var events = Events.Many(2);
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, events);

        await Should.ThrowAsync<WrongExpectedRevisionException>(
            () => db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, [.. events, Events.Any()]));

        (await db.Store.GetStreamRevisionAsync(stream)).ShouldBe(1);
    }
}
