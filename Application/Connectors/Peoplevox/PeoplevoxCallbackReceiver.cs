using System.Globalization;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Inbound;
using Ledger.Domain.Shared;
using Ledger.Domain.Warehouse.Peoplevox;

namespace Ledger.Application.Connectors.Peoplevox;

/// <summary>
/// Peoplevox event callbacks: Peoplevox calls a URL template with <c>{Placeholders}</c> substituted, by
/// GET (SubscribeEvent) or POST with form parameters (SubscribePostEvent). Callbacks carry no id, so a
/// repeat is recognised by its content: entity, status or value, and timestamp.
/// </summary>
public sealed class PeoplevoxCallbackReceiver(PeoplevoxOptions options, InboundRecorder recorder, InboundMetrics metrics, IEventStore store)
{
    public const string Source = "peoplevox";

    public static IReadOnlyCollection<string> EventTypes { get; } =
        ["SalesOrderStatusChanges", "AvailabilityChanges", "TrackingNumberReceived", "GoodsReceived", "Returns"];

    /// <summary>Receives one callback. <paramref name="parameters"/> are the query (GET) or form (POST) parameters; <paramref name="raw"/> is the request line and body as received.</summary>
    public async Task<InboundResult> ReceiveAsync(string eventType, IReadOnlyDictionary<string, string?> parameters, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!Signatures.IsValidToken(parameters.GetValueOrDefault("token"), options.CallbackTokens))
        {
            metrics.Rejected(Source, parameters.ContainsKey("token") ? "bad_token" : "missing_token");
            return new InboundResult.Unauthorized("The token query parameter is missing or wrong.");
        }

        try
        {
            var reader = new Parameters(parameters);
            return eventType switch
            {
                "AvailabilityChanges" => await Availability(reader, raw, cancellationToken),
                _ => new InboundResult.Recorded(await recorder.RecordAsync(Parse(eventType, reader), raw, cancellationToken)),
            };
        }
        catch (InboundValidationException e)
        {
            metrics.Rejected(Source, "invalid");
            return new InboundResult.Invalid(e.Field, e.Message);
        }
    }

    private static InboundMessage Parse(string eventType, Parameters p)
    {
        switch (eventType)
        {
            case "SalesOrderStatusChanges":
            {
                var number = p.Required("SalesOrderNumber");
                var status = p.Required("Status");
                var modified = p.OptionalTimestamp("LastModificationTime");
                return Message(PeoplevoxEventTypes.SalesOrderStatusChanged, SalesOrderStream(number),
                    new PeoplevoxSalesOrderStatusChanged(number, status, modified), $"status/{number}/{status}/{p.Optional("LastModificationTime")}", modified, number);
            }

            case "TrackingNumberReceived":
            {
                var number = p.Required("SalesOrderNumber");
                var despatch = p.Required("DespatchNumber");
                var tracking = p.Required("TrackingNumber");
                return Message(PeoplevoxEventTypes.TrackingNumberReceived, SalesOrderStream(number),
                    new PeoplevoxTrackingNumberReceived(number, despatch, tracking, p.Optional("Carrier"), p.Optional("ServiceType")),
                    $"tracking/{number}/{despatch}/{tracking}", null, number);
            }

            case "GoodsReceived":
            {
                var goodsIn = p.Required("GoodsInId");
                var reconciled = p.OptionalTimestamp("ReconciledDateTime");
                return Message(PeoplevoxEventTypes.GoodsReceived, InboundStreams.For("peoplevox.goodsin", goodsIn, "GoodsInId"),
                    new PeoplevoxGoodsReceived(goodsIn, p.Optional("Reference"), p.Optional("ItemCode"), p.OptionalInt("Quantity"), reconciled),
                    $"goodsin/{goodsIn}/{p.Optional("ItemCode")}/{p.Optional("ReconciledDateTime")}", reconciled, null);
            }

            case "Returns":
            {
                var number = p.Required("SalesOrderNumber");
                var item = p.Required("ItemCode");
                var returned = p.OptionalTimestamp("ReturnDate");
                return Message(PeoplevoxEventTypes.ReturnReceived, SalesOrderStream(number),
                    new PeoplevoxReturnReceived(number, item, p.OptionalInt("Quantity") ?? 1, p.Optional("Reason"), returned),
                    $"return/{number}/{item}/{p.Optional("ReturnDate")}/{p.Optional("Quantity")}", returned, number);
            }

            default:
                throw new InboundValidationException("eventType", $"Event type '{eventType}' is not one Ledger subscribes to ({string.Join(", ", EventTypes)}).");
        }
    }

    /// <summary>
    /// Availability callbacks carry no timestamp, so a repeat is recognised against the item's latest
    /// recorded value: the same number again says nothing new. The append expects the revision it read,
    /// so two identical callbacks racing produce one event.
    /// </summary>
    private async Task<InboundResult> Availability(Parameters p, ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        var item = p.Required("ItemCode");
        var available = p.RequiredInt("Available");
        var stream = InboundStreams.For("peoplevox.item", item, "ItemCode");
        for (var attempt = 0; ; attempt++)
        {
            var latest = await store.ReadStreamAsync(stream, ReadDirection.Backwards, maxCount: 1, cancellationToken: cancellationToken).FirstOrDefaultAsync(cancellationToken);
            var revision = latest?.StreamRevision ?? -1;
            if (latest is not null && LastAvailable(latest) == available)
            {
                metrics.Accepted(Source, duplicate: true);
                return new InboundResult.Recorded(new RecordOutcome(true, latest.Position, stream, latest.EventId));
            }

            var message = Message(PeoplevoxEventTypes.AvailabilityChanged, stream, new PeoplevoxAvailabilityChanged(item, available),
                $"availability/{item}/{available}/{revision + 1}", null, null);
            try
            {
                var expected = revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision);
                return new InboundResult.Recorded(await recorder.RecordAsync(message, raw, expected, cancellationToken));
            }
            catch (WrongExpectedRevisionException) when (attempt < 5)
            {
                // Another callback for the same item landed first; compare against it.
            }
        }
    }

    private static int? LastAvailable(RecordedEvent e)
    {
        if (e.Type != PeoplevoxEventTypes.AvailabilityChanged || e.Payload.IsEmpty)
        {
            return null;
        }

        using var document = JsonDocument.Parse(e.Payload);
        return document.RootElement.TryGetProperty("available", out var v) && v.TryGetInt32(out var n) ? n : null;
    }

    private static StreamName SalesOrderStream(string number) => InboundStreams.For("peoplevox.salesorder", number, "SalesOrderNumber");

    private static InboundMessage Message(string eventType, StreamName stream, object payload, string dedupKey, DateTimeOffset? occurredAt, string? salesOrderNumber) =>
        new(Source, stream, eventType, DeterministicGuid.Create("peoplevox/" + dedupKey), payload, null, occurredAt,
            salesOrderNumber is null ? null : $"peoplevox-{salesOrderNumber}");

    /// <summary>Callback parameters, refusing placeholders Peoplevox left unsubstituted.</summary>
    private readonly struct Parameters(IReadOnlyDictionary<string, string?> values)
    {
        public string? Optional(string name)
        {
            var value = values.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (value.StartsWith('{') && value.EndsWith('}'))
            {
                throw new InboundValidationException(name, $"'{name}' is the unsubstituted placeholder {value}: check the subscription's URL template.");
            }

            return value.Any(char.IsControl) ? throw new InboundValidationException(name, $"'{name}' contains control characters.") : value;
        }

        public string Required(string name) =>
            Optional(name) ?? throw new InboundValidationException(name, $"The '{name}' parameter is required.");

        public int? OptionalInt(string name) =>
            Optional(name) is not { } text ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n
            : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d
            : throw new InboundValidationException(name, $"'{name}' must be a whole number.");

        public int RequiredInt(string name) =>
            OptionalInt(name) ?? throw new InboundValidationException(name, $"The '{name}' parameter is required.");

        public DateTimeOffset? OptionalTimestamp(string name) =>
            Optional(name) is not { } text ? null
            : Timestamps.TryParse(text, out var t) ? t
            : DateTime.TryParseExact(text, ["dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var uk) ? new DateTimeOffset(uk.ToUniversalTime())
            : throw new InboundValidationException(name, $"'{name}' must be a date and time.");
    }
}
