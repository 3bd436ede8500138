using System.Reflection;
using System.Diagnostics;
using System.Net;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Domain.Shared;
using Ledger.Infrastructure.EventStore;
using Ledger.Testing;
using Npgsql;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Ledger.CrashTests;

/// <summary>
/// Ledger killed with SIGKILL in the middle of a webhook burst, then restarted on the same database while
/// the senders retry what was not acknowledged. An acknowledgement must mean "recorded", and a retry of
/// something recorded but never acknowledged must not record it twice.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LedgerCrashTests(ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int Orders = 320;
    private const int KillAfterAcknowledgements = 300;

    [Fact]
    public async Task GivenABurstOfSignedWebhooks_WhenLedgerIsKilledMidBurst_ThenEveryAcknowledgedWebhookIsInTheLogExactlyOnce()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var clock = Stopwatch.StartNew();
        var cluster = await TestCluster.GetAsync();
        var database = $"crash_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(database, deadline.Token);
        var connectionString = cluster.ConnectionString(database);
        var embeddedDataDirectory = Path.Combine(Path.GetTempPath(), $"ledger-crash-{Guid.NewGuid():N}");
        var seed = Environment.TickCount;
        var burst = WebhookBurst.Plan(Clients, Orders, seed);
        output.WriteLine($"seed {seed}: {burst.Deliveries.Count} webhook ids, {burst.Attempts.Count()} deliveries from {Clients} clients, kill after {KillAfterAcknowledgements} acknowledgements");

        // Ledger falls back to an embedded cluster of its own without a connection string; pointing its
        // folder here lets the test show that this never happened.
        var environment = new Dictionary<string, string> { ["Ledger__Embedded__DataDirectory"] = embeddedDataDirectory };
        LedgerProcess? beforeKill = null;
        LedgerProcess? afterRestart = null;
        try
        {
            beforeKill = LedgerProcess.Start("Ledger before the kill", ApiAssembly(), connectionString, environment);
            await beforeKill.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: Ledger (pid {beforeKill.Id}) is healthy at {beforeKill.BaseAddress}");

            await burst.SendUntilKilledAsync(beforeKill, KillAfterAcknowledgements, deadline.Token);
            burst.Killed.ShouldBeTrue("the burst should have reached the kill");
            await beforeKill.WaitForExitAsync(deadline.Token);
            var acknowledgedBeforeKill = burst.Attempts.Count(a => a.Acknowledged);
            var failed = burst.Attempts.Count(a => a.Sent && !a.Acknowledged);
            var unsent = burst.Attempts.Count(a => !a.Sent);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed with {burst.InFlightAtKill} requests in flight; {acknowledgedBeforeKill} acknowledged, {failed} failed in flight, {unsent} not yet sent");

            burst.ConnectionFailuresBeforeKill.ShouldBe(0, "no request should fail before Ledger is killed");
            burst.Attempts.Where(a => a.LastStatus is { } status && status != HttpStatusCode.OK)
                .Select(a => $"{a.Delivery.WebhookId}: {a.History[^1]}").ShouldBeEmpty("Ledger should answer every request it answers before the kill with 200");

            // What was in Ledger's hands at the kill and got no answer: recorded or not, its retry must give one event.
            var inFlight = burst.Attempts.Where(a => a.Sent && !a.Acknowledged).Select(a => a.Delivery).ToList();
            var recordedUnacknowledged = await CountRecordedAsync(connectionString, inFlight, deadline.Token);
            output.WriteLine($"{recordedUnacknowledged} of the {inFlight.Count} failed in flight had been recorded before the kill");

            afterRestart = LedgerProcess.Start("Ledger after the restart", ApiAssembly(), connectionString, environment);
            await afterRestart.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: restarted Ledger (pid {afterRestart.Id}) is healthy at {afterRestart.BaseAddress}");
            var toRetry = burst.Attempts.Count(a => !a.Acknowledged);
            await burst.RetryUnacknowledgedAsync(afterRestart.BaseAddress, deadline.Token);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: retried {toRetry}");

            burst.Attempts.Where(a => !a.Acknowledged).Select(a => $"{a.Delivery.WebhookId}: {string.Join(" | ", a.History)}")
                .ShouldBeEmpty("every retried delivery should be acknowledged by the restarted Ledger");

            await AssertEveryAcknowledgedWebhookIsRecordedOnceAsync(connectionString, burst, deadline.Token);
            Directory.Exists(embeddedDataDirectory).ShouldBeFalse("Ledger should use the configured database, never start a cluster of its own");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: verified");
        }
        catch
        {
            foreach (var ledger in new[] { beforeKill, afterRestart })
            {
                if (ledger is not null)
                {
                    output.WriteLine(ledger.Output);
                }
            }

            throw;
        }
        finally
        {
            if (beforeKill is not null)
            {
                await beforeKill.DisposeAsync();
            }

            if (afterRestart is not null)
            {
                await afterRestart.DisposeAsync();
            }
        }
    }

    private static async Task<int> CountRecordedAsync(string connectionString, IEnumerable<ShopifyDelivery> deliveries, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresEventStore(dataSource);
        var recorded = 0;
        foreach (var delivery in deliveries.DistinctBy(d => d.WebhookId))
        {
            if (await store.ReadEventAsync(EventIdOf(delivery), cancellationToken) is not null)
            {
                recorded++;
            }
        }

        return recorded;
    }

    /// <summary>The id Ledger derives from X-Shopify-Webhook-Id, which is what makes a retry a no-op.</summary>
    private static Guid EventIdOf(ShopifyDelivery delivery) => DeterministicGuid.Create($"shopify/webhook/{delivery.WebhookId}");

    private static async Task AssertEveryAcknowledgedWebhookIsRecordedOnceAsync(string connectionString, WebhookBurst burst, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresEventStore(dataSource);
        var acknowledged = burst.Attempts.Where(a => a.Acknowledged).Select(a => a.Delivery).DistinctBy(d => d.WebhookId).ToList();
        acknowledged.Count.ShouldBe(burst.Deliveries.Count);

        var missing = new List<string>();
        foreach (var delivery in acknowledged)
        {
            var recorded = await store.ReadEventAsync(EventIdOf(delivery), cancellationToken);
            if (recorded is null
                || recorded.Metadata.SourceMessageId != delivery.WebhookId
                || recorded.Stream != StreamName.For("shopify.order", delivery.OrderStreamId)
                || recorded.Metadata.Attributes?["topic"] != delivery.Topic)
            {
                missing.Add($"{delivery.WebhookId} ({delivery.Topic} of order {delivery.OrderId}): {(recorded is null ? "no event" : $"{recorded.Stream} {recorded.Metadata.SourceMessageId}")}");
            }
        }

        missing.ShouldBeEmpty("every acknowledged webhook should be recorded under its derived event id");

        var events = await store.ReadCategoryAsync("shopify.order", Position.Start, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        events.GroupBy(e => (e.Stream, e.Metadata.SourceMessageId)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Stream}: {g.Key.SourceMessageId} x{g.Count()}")
            .ShouldBeEmpty("no stream should hold two events for one webhook id");
        events.GroupBy(e => e.Metadata.SourceMessageId).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}")
            .ShouldBeEmpty("no webhook id should be recorded twice anywhere");
        events.Count.ShouldBe(burst.Deliveries.Count, "one event per distinct webhook id");
        events.GroupBy(e => e.Stream).Where(g => g.Count() != 2).Select(g => $"{g.Key}: {g.Count()}")
            .ShouldBeEmpty("each order's stream should hold its orders/create and orders/paid");

        var report = await new PostgresEventLogAudit(dataSource, store).VerifyAsync(null, cancellationToken);
        report.FirstFailure.ShouldBeNull();
        report.EventsChecked.ShouldBe(burst.Deliveries.Count);
    }

    /// <summary>The Api built beside these tests, in the same configuration (recorded by the project file).</summary>
    private static string ApiAssembly() =>
        typeof(LedgerCrashTests).Assembly.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "LedgerApiAssembly").Value!;
}
