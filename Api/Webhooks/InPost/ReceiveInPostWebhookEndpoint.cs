using FastEndpoints;
using Ledger.Application.Connectors.InPost;

namespace Ledger.Api.Webhooks.InPost;

/// <summary>ShipX webhooks, trusted by source address and a secret token query parameter.</summary>
public sealed class ReceiveInPostWebhookEndpoint(InPostWebhookReceiver receiver) : InboundEndpoint
{
    public override void Configure()
    {
        Post("/webhooks/inpost");
        DescribeInbound("Webhooks", "Receive an InPost ShipX webhook",
            "Body {event_ts, event, organization_id, payload{shipment_id, status, tracking_number}}; events shipment_confirmed, shipment_status_changed, offers_prepared.",
            "application/json");
    }

    public override Task HandleAsync(CancellationToken ct) => ReceiveAsync(
        body => receiver.ReceiveAsync(Query<string>("token", isRequired: false), HttpContext.Connection.RemoteIpAddress, body, ct), ct);
}

/// <summary>InPost checks the webhook URL with a GET when it is saved in Manager Paczek, and wants 200.</summary>
public sealed class CheckInPostWebhookEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/webhooks/inpost");
        AllowAnonymous();
        Description(d => d.WithTags("Webhooks").Produces(200));
        Summary(s => s.Summary = "InPost's URL check");
    }

    public override Task HandleAsync(CancellationToken ct) => Send.ResultAsync(Results.Ok());
}
