using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Inbound;
using Ledger.Domain.Shared;
using Ledger.Domain.Warehouse.Acs;

namespace Ledger.Application.Connectors.Acs;

/// <summary>
/// What Advanced Clothing Solutions sends: the daily stock file (imported once, by content hash), order
/// status messages and returns grading messages (de-duplicated by their messageId). ACS publishes no API;
/// these formats are Ledger's, documented in docs/connectors.md.
/// </summary>
public sealed class AcsReceiver(AcsOptions options, InboundRecorder recorder, InboundMetrics metrics)
{
    public const string Source = "acs";

    public static readonly string[] OrderStatuses = ["Received", "Picking", "Packed", "Despatched", "PartDespatched", "Cancelled", "Rejected"];

    public async Task<InboundResult> ReceiveStockFileAsync(string? bearerKey, ReadOnlyMemory<byte> file, string? fileName, CancellationToken cancellationToken)
    {
        return Authorised(bearerKey, out var refused) ? await ImportStockFileAsync(file, fileName, cancellationToken) : refused;
    }

    /// <summary>Imports a stock file that needs no key: one dropped into the watched folder, which only ACS can write to.</summary>
    public async Task<InboundResult> ImportStockFileAsync(ReadOnlyMemory<byte> file, string? fileName, CancellationToken cancellationToken)
    {
        try
        {
            var imported = AcsStockFile.Read(file, fileName);
            var message = new InboundMessage(Source, InboundStreams.For("acs.stockfile", imported.FileSha256, "file"), AcsEventTypes.StockFileImported,
                DeterministicGuid.Create($"acs/stockfile/{imported.FileSha256}"), imported, fileName, imported.TakenAt, null);
            return new InboundResult.Recorded(await recorder.RecordAsync(message, file, cancellationToken));
        }
        catch (InboundValidationException e)
        {
            metrics.Rejected(Source, "invalid");
            return new InboundResult.Invalid(e.Field, e.Message);
        }
    }

    public async Task<InboundResult> ReceiveMessageAsync(string? bearerKey, string messageType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!Authorised(bearerKey, out var refused))
        {
            return refused;
        }

        try
        {
            using var document = JsonFields.Parse(body);
            var root = JsonFields.Root(document);
            var messageId = root.RequiredString("messageId");
            var occurredAt = root.Timestamp("occurredAt");
            InboundMessage message;
            switch (messageType)
            {
                case "orderstatus":
                {
                    var orderNumber = root.RequiredString("orderNumber");
                    var status = root.RequiredString("status");
                    if (!OrderStatuses.Contains(status, StringComparer.Ordinal))
                    {
                        throw new InboundValidationException("status", $"Status '{status}' is not one of {string.Join(", ", OrderStatuses)}.");
                    }

                    var lines = root.Array("lines", required: false).Select(l => new AcsOrderLine(l.RequiredString("sku"), l.RequiredInt("quantity"))).ToList();
                    message = new InboundMessage(Source, InboundStreams.For("acs.order", orderNumber, "orderNumber"), AcsEventTypes.OrderStatusChanged, Id(messageId),
                        new AcsOrderStatusChanged(messageId, orderNumber, status, root.OptionalString("reason"), lines, root.OptionalString("trackingNumber"), root.OptionalString("carrier"), occurredAt),
                        messageId, occurredAt, $"acs-{orderNumber}");
                    break;
                }

                case "returns":
                {
                    var tag = root.RequiredString("tagId");
                    var grade = root.RequiredString("grade");
                    message = new InboundMessage(Source, InboundStreams.For("acs.tag", tag, "tagId"), AcsEventTypes.ReturnGraded, Id(messageId),
                        new AcsReturnGraded(messageId, tag, root.RequiredString("sku"), root.OptionalString("orderNumber"), grade, root.OptionalString("notes"), occurredAt),
                        messageId, occurredAt, root.OptionalString("orderNumber") is { } order ? $"acs-{order}" : null);
                    break;
                }

                default:
                    throw new InboundValidationException("messageType", $"'{messageType}' is not a message type Ledger takes (orderstatus, returns).");
            }

            return new InboundResult.Recorded(await recorder.RecordAsync(message, body, cancellationToken));
        }
        catch (InboundValidationException e)
        {
            metrics.Rejected(Source, "invalid");
            return new InboundResult.Invalid(e.Field, e.Message);
        }
    }

    private static Guid Id(string messageId) => DeterministicGuid.Create($"acs/message/{messageId}");

    private bool Authorised(string? bearerKey, out InboundResult refused)
    {
        if (Signatures.IsValidToken(bearerKey, options.ApiKeys))
        {
            refused = null!;
            return true;
        }

        metrics.Rejected(Source, bearerKey is null ? "missing_token" : "bad_token");
        refused = new InboundResult.Unauthorized("The bearer key is missing or wrong.");
        return false;
    }
}
