using System.Net;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Application.Inbound;
using Ledger.Domain.Carriers.InPost;
using Ledger.Domain.Shared;

namespace Ledger.Application.Connectors.InPost;

/// <summary>
/// ShipX webhooks: <c>{event_ts, event, organization_id, payload{shipment_id, status, tracking_number}}</c>,
/// trusted by source address and a secret token. Retries are undocumented and there is no delivery id,
/// so a repeat is recognised by shipment, event, status and event time.
/// </summary>
public sealed class InPostWebhookReceiver(InPostOptions options, InboundRecorder recorder, InboundMetrics metrics)
{
    public const string Source = "inpost";

    private static readonly Dictionary<string, string> EventTypes = new(StringComparer.Ordinal)
    {
        ["shipment_confirmed"] = InPostEventTypes.ShipmentConfirmed,
        ["shipment_status_changed"] = InPostEventTypes.ShipmentStatusChanged,
        ["offers_prepared"] = InPostEventTypes.OffersPrepared,
    };

    private readonly IPNetwork[] _allowed = options.AllowedSources.Select(IPNetwork.Parse).ToArray();

    public async Task<InboundResult> ReceiveAsync(string? token, IPAddress? remoteAddress, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (_allowed.Length > 0 && (remoteAddress is null || !_allowed.Any(n => n.Contains(remoteAddress.IsIPv4MappedToIPv6 ? remoteAddress.MapToIPv4() : remoteAddress))))
        {
            metrics.Rejected(Source, "source_address");
            return new InboundResult.Unauthorized($"Webhooks are not accepted from {remoteAddress}.");
        }

        if (!Signatures.IsValidToken(token, options.WebhookTokens))
        {
            metrics.Rejected(Source, token is null ? "missing_token" : "bad_token");
            return new InboundResult.Unauthorized("The token query parameter is missing or wrong.");
        }

        try
        {
            return new InboundResult.Recorded(await recorder.RecordAsync(Parse(body), body, cancellationToken));
        }
        catch (InboundValidationException e)
        {
            metrics.Rejected(Source, "invalid");
            return new InboundResult.Invalid(e.Field, e.Message);
        }
    }

    private static InboundMessage Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonFields.Parse(body);
        var root = JsonFields.Root(document);
        var name = root.RequiredString("event");
        if (!EventTypes.TryGetValue(name, out var eventType))
        {
            throw new InboundValidationException("event", $"Event '{name}' is not one Ledger handles ({string.Join(", ", EventTypes.Keys)}).");
        }

        var eventAt = root.Timestamp("event_ts");
        var payload = root.RequiredObject("payload");
        var shipmentId = payload.RequiredString("shipment_id");
        var status = payload.OptionalString("status") ?? (name == "shipment_confirmed" ? "confirmed" : null);
        if (name == "shipment_status_changed" && status is null)
        {
            throw new InboundValidationException("payload.status", "'payload.status' is required for shipment_status_changed.");
        }

        var tracking = payload.OptionalString("tracking_number");
        var reported = new InPostShipmentReported(name, shipmentId, status, tracking, root.OptionalString("organization_id"), eventAt);
        return new InboundMessage(
            Source,
            InboundStreams.For("inpost.shipment", shipmentId, "payload.shipment_id"),
            eventType,
            DeterministicGuid.Create($"inpost/{shipmentId}/{name}/{status}/{eventAt.UtcTicks}"),
            reported,
            null,
            eventAt,
            $"inpost-{shipmentId}");
    }
}
