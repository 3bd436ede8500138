using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Connectors.Peoplevox;
using Ledger.Application.Inbound;
using Ledger.Domain.Shared;
using Ledger.Domain.Warehouse.Peoplevox;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.Peoplevox;

/// <summary>
/// The fallback for lost TrackingNumberReceived callbacks: reads the <c>Despatch summary</c> report from the
/// checkpoint and appends <c>peoplevox.despatch-reported.v1</c> to the sales order's stream for each despatch
/// the stream does not already know, by callback or by an earlier poll.
/// </summary>
public sealed class PeoplevoxDespatchPoller(
    PeoplevoxSoapClient client,
    PeoplevoxOptions options,
    InboundRecorder recorder,
    IEventStore store,
    ConnectorCheckpoints checkpoints,
    ILogger<PeoplevoxDespatchPoller> logger,
    TimeProvider clock) : PollingService(logger, clock)
{
    private const string CheckpointKey = "despatch-summary-from";
    private static readonly XNamespace Pvx = "http://www.peoplevox.net/";

    protected override string Connector => PeoplevoxSoapClient.SystemName;

    protected override bool Enabled => options.Polling.Enabled;

    protected override TimeSpan Interval => options.Polling.Interval;

    protected override IEnumerable<string> ConfigurationErrors()
    {
        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrWhiteSpace(options.Password))
        {
            yield return $"{PeoplevoxOptions.Section}:ClientId, UserName and Password are required";
        }

        if (options.Polling.Interval <= TimeSpan.Zero || options.Polling.PageSize <= 0)
        {
            yield return $"{PeoplevoxOptions.Section}:Polling:Interval and PageSize must be positive";
        }
    }

    protected override async Task PollAsync(CancellationToken cancellationToken)
    {
        var polling = options.Polling;
        var now = Clock.GetUtcNow();
        var checkpoint = await checkpoints.GetTimestampAsync(Connector, CheckpointKey, cancellationToken) ?? now - polling.InitialLookback;
        var search = DespatchSummary.Between(checkpoint - polling.Overlap, now - polling.SettleTime);
        var header = string.Empty;
        var rows = new List<DespatchSummary.Row>();
        for (var page = 1; ; page++)
        {
            var answer = await client.CallAsync("GetReportData",
            [
                new XElement(Pvx + "getReportRequest",
                    new XElement(Pvx + "TemplateName", DespatchSummary.Report),
                    new XElement(Pvx + "PageNo", page),
                    new XElement(Pvx + "ItemsPerPage", polling.PageSize),
                    new XElement(Pvx + "SearchClause", search),
                    new XElement(Pvx + "Columns", string.Join(",", DespatchSummary.Columns.Select(c => $"[{c}]"))),
                    new XElement(Pvx + "OrderBy", $"[{DespatchSummary.DateColumn}]")),
            ], cancellationToken);
            var (pageHeader, pageRows) = DespatchSummary.Parse(answer.Detail);
            header = pageHeader.Length > 0 ? pageHeader : header;
            rows.AddRange(pageRows);
            if (pageRows.Count == 0 || rows.Count >= answer.TotalCount)
            {
                break;
            }
        }

        var latest = checkpoint;
        foreach (var despatch in rows.Where(r => r.SalesOrderNumber.Length > 0 && r.DespatchNumber.Length > 0)
                     .GroupBy(r => (r.SalesOrderNumber, r.DespatchNumber)))
        {
            var group = despatch.ToList();
            var reported = DespatchSummary.ToDespatch(group);
            var raw = Encoding.UTF8.GetBytes(string.Join("\r\n", group.Select(r => r.Raw).Prepend(header)));
            try
            {
                await RecordAsync(reported, raw, cancellationToken);
            }
            catch (InboundValidationException e)
            {
                Logger.LogWarning("Skipped Peoplevox despatch {Despatch}: {Field}: {Error}", reported.DespatchNumber, e.Field, e.Message);
            }

            latest = reported.DespatchedAt > latest ? reported.DespatchedAt.Value : latest;
        }

        if (latest > checkpoint)
        {
            await checkpoints.SetTimestampAsync(Connector, CheckpointKey, latest, cancellationToken);
        }
    }

    /// <summary>Appends the despatch unless the sales order's stream already has it; the append expects the revision it checked.</summary>
    private async Task RecordAsync(PeoplevoxDespatchReported despatch, byte[] raw, CancellationToken cancellationToken)
    {
        var stream = InboundStreams.For("peoplevox.salesorder", despatch.SalesOrderNumber, DespatchSummary.SalesOrderColumn);
        for (var attempt = 0; ; attempt++)
        {
            var (revision, known) = await KnowsDespatchAsync(stream, despatch.DespatchNumber, cancellationToken);
            if (known)
            {
                return;
            }

            var message = new InboundMessage(
                PeoplevoxSoapClient.SystemName,
                stream,
                PeoplevoxEventTypes.DespatchReported,
                DeterministicGuid.Create($"peoplevox/despatch/{despatch.SalesOrderNumber}/{despatch.DespatchNumber}"),
                despatch,
                null,
                despatch.DespatchedAt,
                $"peoplevox-{despatch.SalesOrderNumber}",
                new Dictionary<string, string> { ["report"] = DespatchSummary.Report });
            try
            {
                await recorder.RecordAsync(message, raw, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), cancellationToken);
                Logger.LogInformation("Recorded Peoplevox despatch {Despatch} of {SalesOrder} from the Despatch summary: its callback never arrived",
                    despatch.DespatchNumber, despatch.SalesOrderNumber);
                return;
            }
            catch (WrongExpectedRevisionException) when (attempt < 5)
            {
                // A callback landed meanwhile; it may be this very despatch.
            }
        }
    }

    private async Task<(long Revision, bool Known)> KnowsDespatchAsync(StreamName stream, string despatchNumber, CancellationToken cancellationToken)
    {
        var revision = -1L;
        var known = false;
        await foreach (var e in store.ReadStreamAsync(stream, cancellationToken: cancellationToken))
        {
            revision = e.StreamRevision;
            if (!known && e.Type is PeoplevoxEventTypes.TrackingNumberReceived or PeoplevoxEventTypes.DespatchReported && !e.Payload.IsEmpty)
            {
                using var payload = JsonDocument.Parse(e.Payload);
                known = payload.RootElement.TryGetProperty("despatchNumber", out var number)
                    && string.Equals(number.GetString(), despatchNumber, StringComparison.OrdinalIgnoreCase);
            }
        }

        return (revision, known);
    }
}
