using static Ledger.Simulators.Hosting.ControlRoutes;

namespace Ledger.Simulators.InPost;

/// <summary><c>/_control/inpost/…</c>: the C# API over HTTP (camelCase in, ShipX's shape out).</summary>
internal static class ShipXControlApi
{
    public static void Map(IEndpointRouteBuilder app, InPostSimulator inpost)
    {
        var control = app.MapGroup(inpost.ControlPrefix);

        control.MapGet("/shipments", () => ShipXJson.Result(inpost.Shipments));
        control.MapGet("/shipments/{id:long}", (long id) =>
            Guard(() => ShipXJson.Result(inpost.GetShipment(id) ?? throw new KeyNotFoundException($"Shipment {id} not found."))));
        control.MapPost("/shipments/{id:long}/confirm", (long id) => Guard(() => ShipXJson.Result(inpost.ConfirmNow(id))));
        control.MapPost("/shipments/{id:long}/advance", (long id, StatusRequest? request) => Guard(() =>
            ShipXJson.Result(request?.Status is { } status ? inpost.AdvanceShipment(id, status) : inpost.AdvanceShipment(id))));
        control.MapGet("/points", () => ShipXJson.Result(inpost.Points));
        control.MapPost("/points/{name}", (string name, StatusRequest request) =>
            Guard(() => ShipXJson.Result(inpost.SetPointStatus(name, request.Status ?? ShipXPoint.Operating))));
    }

    public sealed record StatusRequest(string? Status);
}
