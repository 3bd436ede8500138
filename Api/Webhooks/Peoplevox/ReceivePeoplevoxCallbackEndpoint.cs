using System.Text;
using FastEndpoints;
using Ledger.Application.Connectors.Peoplevox;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Api.Webhooks.Peoplevox;

/// <summary>
/// Peoplevox's event callbacks: GET with the URL template's placeholders substituted (SubscribeEvent), or
/// POST with form parameters (SubscribePostEvent). Authenticated by the secret <c>token</c> parameter.
/// </summary>
public sealed class ReceivePeoplevoxCallbackEndpoint(PeoplevoxCallbackReceiver receiver) : InboundEndpoint
{
    public override void Configure()
    {
        Verbs(Http.GET, Http.POST);
        Routes("/webhooks/peoplevox/{eventType}");
        DescribeInbound("Webhooks", "Receive a Peoplevox event callback",
            "eventType: SalesOrderStatusChanges (SalesOrderNumber, Status, LastModificationTime), AvailabilityChanges (ItemCode, Available), " +
            "TrackingNumberReceived (SalesOrderNumber, DespatchNumber, TrackingNumber, Carrier, ServiceType), GoodsReceived (GoodsInId, Reference, ItemCode, Quantity, ReconciledDateTime), " +
            "Returns (SalesOrderNumber, ItemCode, Quantity, Reason, ReturnDate); plus token.");
    }

    public override Task HandleAsync(CancellationToken ct) => ReceiveAsync(body =>
    {
        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in HttpContext.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        foreach (var (key, value) in QueryHelpers.ParseNullableQuery(Encoding.UTF8.GetString(body)) ?? [])
        {
            parameters[key] = value.ToString();
        }

        // What Peoplevox sent, as it sent it: the request line and any form body.
        var raw = Encoding.UTF8.GetBytes($"{HttpContext.Request.Method} {HttpContext.Request.Path}{HttpContext.Request.QueryString}\n").Concat(body).ToArray();
        return receiver.ReceiveAsync(Route<string>("eventType") ?? string.Empty, parameters, raw, ct);
    }, ct);
}
