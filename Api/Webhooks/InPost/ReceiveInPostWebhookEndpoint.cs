using FastEndpoints;
using Ledger.Application.Connectors.InPost;

namespace Ledger.Api.Webhooks.InPost;

/// <summary>ShipX webhooks, trusted by source address and a secret token query parameter.</summary>
public sealed class ReceiveInPostWebhookEndpoint(InPostWebhookReceiver receiver) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/webhooks/inpost");
        AllowAnonymous();
        Description(d => d.WithTags("Webhooks")
            .Accepts<object>("application/json")
            .Produces<InboundHttp.RecordedResponse>(200)
            .ProducesProblem(400)
            .ProducesProblem(401));
        Summary(s =>
        {
            s.Summary = "Receive an InPost ShipX webhook";
            s.Description = "Body {event_ts, event, organization_id, payload{shipment_id, status, tracking_number}}; events shipment_confirmed, shipment_status_changed, offers_prepared.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var body = await InboundHttp.ReadBodyAsync(HttpContext.Request, ct);
        if (body is null)
        {
            await Send.ResultAsync(InboundHttp.TooLarge());
            return;
        }

        var token = HttpContext.Request.Query.TryGetValue("token", out var t) ? t.ToString() : null;
        var result = await receiver.ReceiveAsync(token, HttpContext.Connection.RemoteIpAddress, body, ct);
        await Send.ResultAsync(InboundHttp.ToHttp(result));
    }
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
