using Ledger.Application.Abstractions.EventStore;
using Ledger.Testing;
using Shouldly;
using Xunit;

namespace Ledger.Infrastructure.Tests.EventStore;

[Trait("Category", "Integration")]
public sealed class ExpectedRevisionTests(LedgerDatabaseFixture db) : IClassFixture<LedgerDatabaseFixture>
{
    [Fact]
    public async Task GivenExistingStream_WhenAppendingExpectingNoStream_ThenConflictNamesTheActualRevision()
    {
        var stream = Events.NewStream();
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Events.Many(3));

        var conflict = await Should.ThrowAsync<WrongExpectedRevisionException>(
            () => db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Events.Many(1)));

        conflict.ActualRevision.ShouldBe(2);
        conflict.Stream.ShouldBe(stream);
        (await db.Store.GetStreamRevisionAsync(stream)).ShouldBe(2);
    }

    [Fact]
    public async Task GivenMissingStream_WhenAppendingExpectingStreamExistsOrExact_ThenConflictAndNothingWritten()
    {
        var stream = Events.NewStream();

        (await Should.ThrowAsync<WrongExpectedRevisionException>(
            () => db.Store.AppendToStreamAsync(stream, ExpectedRevision.StreamExists, Events.Many(1)))).ActualRevision.ShouldBe(-1);
        await Should.ThrowAsync<WrongExpectedRevisionException>(
            () => db.Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(0), Events.Many(1)));

        (await db.Store.GetStreamRevisionAsync(stream)).ShouldBe(-1);
    }

    [Fact]
    public async Task GivenStreamAtRevision_WhenAppendingWithExactAndAny_ThenBothSucceedAndStaleExactFails()
    {
        var stream = Events.NewStream();
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.Any, Events.Many(2));

        (await db.Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(1), Events.Many(1))).NextExpectedRevision.ShouldBe(2);
        (await db.Store.AppendToStreamAsync(stream, ExpectedRevision.StreamExists, Events.Many(1))).NextExpectedRevision.ShouldBe(3);
        (await db.Store.AppendToStreamAsync(stream, ExpectedRevision.Any, Events.Many(1))).NextExpectedRevision.ShouldBe(4);
        await Should.ThrowAsync<WrongExpectedRevisionException>(
            () => db.Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(1), Events.Many(1)));
    }

    [Fact]
    public async Task GivenManyWritersAtTheSameRevision_WhenTheyRace_ThenExactlyOneWinsAndTheRestConflict()
    {
        var stream = Events.NewStream();
        await db.Store.AppendToStreamAsync(stream, ExpectedRevision.NoStream, Events.Many(1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            try
            {
                await db.Store.AppendToStreamAsync(stream, ExpectedRevision.Exact(0), Events.Many(2));
                return "won";
            }
            catch (WrongExpectedRevisionException)
            {
                return "conflict";
            }
        }));

        outcomes.Count(o => o == "won").ShouldBe(1);
        outcomes.Count(o => o == "conflict").ShouldBe(23);
        (await db.Store.ReadStreamAsync(stream).ToListAsync()).Select(e => e.StreamRevision).ShouldBe([0L, 1L, 2L]);
    }

    [Fact]
    public async Task GivenManyWritersExpectingAny_WhenTheyRace_ThenAllLandWithConsecutiveRevisions()
    {
        var stream = Events.NewStream();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => db.Store.AppendToStreamAsync(stream, ExpectedRevision.Any, Events.Many(2))));

        var revisions = (await db.Store.ReadStreamAsync(stream).ToListAsync()).Select(e => e.StreamRevision).ToList();
        revisions.ShouldBe(Enumerable.Range(0, 32).Select(i => (long)i).ToList());
    }
}
