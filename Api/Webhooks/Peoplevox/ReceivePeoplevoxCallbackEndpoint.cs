using System.Text;
using FastEndpoints;
using Ledger.Application.Connectors.Peoplevox;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Api.Webhooks.Peoplevox;

/// <summary>
/// Peoplevox's event callbacks: GET with the URL template's placeholders substituted (SubscribeEvent), or
/// POST with form parameters (SubscribePostEvent). Authenticated by the secret <c>token</c> parameter.
/// </summary>
public sealed class ReceivePeoplevoxCallbackEndpoint(PeoplevoxCallbackReceiver receiver) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Verbs(Http.GET, Http.POST);
        Routes("/webhooks/peoplevox/{eventType}");
        AllowAnonymous();
        Description(d => d.WithTags("Webhooks")
            .Produces<InboundHttp.RecordedResponse>(200)
            .ProducesProblem(400)
            .ProducesProblem(401));
        Summary(s =>
        {
            s.Summary = "Receive a Peoplevox event callback";
            s.Description = "eventType: SalesOrderStatusChanges (SalesOrderNumber, Status, LastModificationTime), AvailabilityChanges (ItemCode, Available), " +
                "TrackingNumberReceived (SalesOrderNumber, DespatchNumber, TrackingNumber, Carrier, ServiceType), GoodsReceived (GoodsInId, Reference, ItemCode, Quantity, ReconciledDateTime), " +
                "Returns (SalesOrderNumber, ItemCode, Quantity, Reason, ReturnDate); plus token.";
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

        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in HttpContext.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (body.Length > 0)
        {
            foreach (var (key, value) in QueryHelpers.ParseNullableQuery(Encoding.UTF8.GetString(body)) ?? [])
            {
                parameters[key] = value.ToString();
            }
        }

        // What Peoplevox sent, as it sent it: the request line and any form body.
        var raw = Encoding.UTF8.GetBytes($"{HttpContext.Request.Method} {HttpContext.Request.Path}{HttpContext.Request.QueryString}\n").Concat(body).ToArray();
        var result = await receiver.ReceiveAsync(Route<string>("eventType") ?? string.Empty, parameters, raw, ct);
        await Send.ResultAsync(InboundHttp.ToHttp(result));
    }
}
