using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ledger.Application;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Connectors.Linnworks;
using Ledger.Application.Inbound;
using Ledger.Domain.Channels;
using Ledger.Domain.Channels.Linnworks;
using Ledger.Domain.Shared;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.Linnworks;

/// <summary>
/// Polls Linnworks, which has no webhooks: every open order (recorded only when its content changed), then
/// the processed and cancelled books from their checkpoints (each processed order recorded once, and each
/// cancelled order's final content).
/// </summary>
public sealed class LinnworksOrderPoller(
    LinnworksClient client,
    LinnworksOptions options,
    InboundRecorder recorder,
    IEventStore store,
    ConnectorCheckpoints checkpoints,
    ILogger<LinnworksOrderPoller> logger,
    TimeProvider clock) : PollingService(logger, clock)
{
    public const string ContentHashAttribute = "contentSha256";

    protected override string Connector => LinnworksClient.SystemName;

    protected override bool Enabled => options.Polling.Enabled;

    protected override TimeSpan Interval => options.Polling.Interval;

    protected override IEnumerable<string> ConfigurationErrors()
    {
        if (string.IsNullOrWhiteSpace(options.ApplicationId) || string.IsNullOrWhiteSpace(options.ApplicationSecret) || string.IsNullOrWhiteSpace(options.InstallationToken))
        {
            yield return $"{LinnworksOptions.Section}:ApplicationId, ApplicationSecret and InstallationToken are required";
        }

        if (options.Polling.Interval <= TimeSpan.Zero || options.Polling.PageSize <= 0)
        {
            yield return $"{LinnworksOptions.Section}:Polling:Interval and PageSize must be positive";
        }
    }

    protected override async Task PollAsync(CancellationToken cancellationToken)
    {
        await PollOpenOrdersAsync(cancellationToken);
        await PollBookAsync(Book.Processed, cancellationToken);
        await PollBookAsync(Book.Cancelled, cancellationToken);
    }

    private async Task PollOpenOrdersAsync(CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            using var answer = await client.PostAsync("Orders/GetOpenOrders", new
            {
                entriesPerPage = options.Polling.PageSize,
                pageNumber = page,
                filters = new { },
                sorting = Array.Empty<object>(),
                fulfilmentCenter = Guid.Empty,
                additionalFilter = string.Empty,
            }, cancellationToken);
            var (orders, totalPages) = Page(answer, "Orders/GetOpenOrders");
            foreach (var order in orders)
            {
                await RecordOrderAsync(order, inOpenBook: true, cancellationToken);
            }

            if (page >= totalPages)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Searches one book from its checkpoint (less the overlap) to now. Each page's orders are fetched in
    /// full, so an order processed between two polls still has its content recorded.
    /// </summary>
    private async Task PollBookAsync(Book book, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var key = book == Book.Processed ? "processed-search-from" : "cancelled-search-from";
        var checkpoint = await checkpoints.GetTimestampAsync(Connector, key, cancellationToken) ?? now - options.Polling.InitialLookback;
        var latest = checkpoint;
        for (var page = 1; ; page++)
        {
            using var answer = await client.PostAsync("ProcessedOrders/SearchProcessedOrdersPaged", new
            {
                from = Iso(checkpoint - options.Polling.Overlap),
                to = Iso(now),
                dateType = book == Book.Processed ? "PROCESSED" : "CANCELLED",
                searchField = string.Empty,
                exactMatch = false,
                searchTerm = string.Empty,
                pageNum = page,
                numEntriesPerPage = options.Polling.PageSize,
            }, cancellationToken);
            var (rows, totalPages) = Page(answer, "ProcessedOrders/SearchProcessedOrdersPaged");
            var ids = new List<string>();
            foreach (var row in rows)
            {
                var fields = new JsonFields(row, "Data[]");
                try
                {
                    var processed = LinnworksOrderReader.ReadProcessed(fields);
                    ids.Add(processed.OrderId);
                    var at = book == Book.Processed ? processed.ProcessedAt : LinnworksOrderReader.CancelledAt(fields);
                    latest = at > latest ? at.Value : latest;
                }
                catch (InboundValidationException e)
                {
                    Logger.LogWarning("Skipped a Linnworks {Book} order row: {Field}: {Error}", book, e.Field, e.Message);
                }
            }

            await RecordDetailsAsync(ids, cancellationToken);
            if (book == Book.Processed)
            {
                foreach (var row in rows)
                {
                    await RecordProcessedAsync(row, cancellationToken);
                }
            }

            if (page >= totalPages)
            {
                break;
            }
        }

        if (latest > checkpoint)
        {
            await checkpoints.SetTimestampAsync(Connector, key, latest, cancellationToken);
        }
    }

    private async Task RecordDetailsAsync(List<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var answer = await client.PostAsync("Orders/GetOrdersById", new { pkOrderIds = ids }, cancellationToken);
        if (answer.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new ConnectorException(Connector, "Orders/GetOrdersById did not answer with a list of orders.");
        }

        foreach (var order in answer.RootElement.EnumerateArray())
        {
            await RecordOrderAsync(order, inOpenBook: false, cancellationToken);
        }
    }

    /// <summary>
    /// Appends the order only when its canonical content differs from the last one recorded. The event id
    /// is derived from the order id, the content's SHA-256 and the revision it follows, so two pollers
    /// racing write it once, while an order that changes and later changes back is recorded both times.
    /// </summary>
    private async Task RecordOrderAsync(JsonElement element, bool inOpenBook, CancellationToken cancellationToken)
    {
        ChannelOrder order;
        try
        {
            order = LinnworksOrderReader.Read(new JsonFields(element, "order"), inOpenBook);
        }
        catch (InboundValidationException e)
        {
            Logger.LogWarning("Skipped a Linnworks order Ledger cannot read: {Field}: {Error}", e.Field, e.Message);
            return;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(order, LedgerJson.Options)));
        var stream = StreamName.For("linnworks.order", order.OrderId);
        var raw = Encoding.UTF8.GetBytes(element.GetRawText());
        for (var attempt = 0; ; attempt++)
        {
            var (revision, lastHash) = await LastReportAsync(stream, cancellationToken);
            if (lastHash == hash)
            {
                return;
            }

            var message = new InboundMessage(
                LinnworksClient.SystemName,
                stream,
                LinnworksEventTypes.OrderReported,
                DeterministicGuid.Create($"linnworks/order/{order.OrderId}/{hash}/{revision + 1}"),
                order,
                null,
                null,
                order.OrderKey,
                new Dictionary<string, string> { [ContentHashAttribute] = hash, ["book"] = inOpenBook ? "open" : "processed" });
            try
            {
                await recorder.RecordAsync(message, raw, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), cancellationToken);
                return;
            }
            catch (WrongExpectedRevisionException) when (attempt < 5)
            {
                // Something else was appended to the order meanwhile; compare against it.
            }
        }
    }

    /// <summary>The stream's last revision, and the content hash of its latest order report.</summary>
    private async Task<(long Revision, string? Hash)> LastReportAsync(StreamName stream, CancellationToken cancellationToken)
    {
        var revision = -1L;
        await foreach (var e in store.ReadStreamAsync(stream, ReadDirection.Backwards, cancellationToken: cancellationToken))
        {
            revision = Math.Max(revision, e.StreamRevision);
            if (e.Type == LinnworksEventTypes.OrderReported)
            {
                return (revision, e.Metadata.Attributes?.GetValueOrDefault(ContentHashAttribute));
            }
        }

        return (revision, null);
    }

    private async Task RecordProcessedAsync(JsonElement row, CancellationToken cancellationToken)
    {
        var fields = new JsonFields(row, "Data[]");
        LinnworksOrderProcessed processed;
        try
        {
            processed = LinnworksOrderReader.ReadProcessed(fields);
        }
        catch (InboundValidationException)
        {
            return; // Logged when the page was read.
        }

        // One flag means held or cancelled; a cancelled order in the processed book was never despatched.
        if (fields.OptionalBoolean("HoldOrCancel") == true || processed.ProcessedAt is null)
        {
            return;
        }

        var message = new InboundMessage(
            LinnworksClient.SystemName,
            StreamName.For("linnworks.order", processed.OrderId),
            LinnworksEventTypes.OrderProcessed,
            DeterministicGuid.Create($"linnworks/processed/{processed.OrderId}"),
            processed,
            null,
            processed.ProcessedAt,
            OrderKeys.For(LinnworksOrderReader.Channel, processed.OrderId));
        await recorder.RecordAsync(message, Encoding.UTF8.GetBytes(row.GetRawText()), cancellationToken);
    }

    private (List<JsonElement> Items, int TotalPages) Page(JsonDocument answer, string endpoint)
    {
        var root = answer.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ConnectorException(Connector, $"{endpoint} answered without a Data list.");
        }

        var totalPages = root.TryGetProperty("TotalPages", out var pages) && pages.TryGetInt32(out var n) ? n : 1;
        return (data.EnumerateArray().ToList(), totalPages);
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private enum Book
    {
        Processed,
        Cancelled,
    }
}
