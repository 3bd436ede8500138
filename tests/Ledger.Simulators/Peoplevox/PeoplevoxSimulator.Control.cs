using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Simulators.Peoplevox;

/// <summary><c>POST /_control/peoplevox/availability</c>.</summary>
public sealed record PeoplevoxAvailabilityRequest(string ItemCode, int Available);

/// <summary><c>POST /_control/peoplevox/sales-orders/{number}/status</c>; status is a <see cref="PeoplevoxSalesOrderStatus"/> name.</summary>
public sealed record PeoplevoxStatusRequest(string Status, string? TrackingNumber = null, string? Carrier = null, string? Service = null);

/// <summary><c>POST /_control/peoplevox/sales-orders/{number}/part-despatch</c>.</summary>
public sealed record PeoplevoxPartDespatchRequest(
    IReadOnlyList<PeoplevoxDespatchLine> Lines, string? TrackingNumber = null, string? Carrier = null, string? Service = null);

/// <summary><c>POST /_control/peoplevox/goods-received</c>.</summary>
public sealed record PeoplevoxGoodsReceivedRequest(string ItemCode, int Quantity, string Reference = "GRN");

/// <summary><c>POST /_control/peoplevox/returns</c>.</summary>
public sealed record PeoplevoxReturnRequest(string SalesOrderNumber, string ItemCode, int Quantity, string Reason = "", bool Restock = false);

public sealed partial class PeoplevoxSimulator
{
    private void MapControl(RouteGroupBuilder control)
    {
        control.MapGet("/item-types", () => Ok(ItemTypes.Select(i => i.Fields)));
        control.MapPost("/item-types", (IReadOnlyList<Dictionary<string, string>> items) => Control(() =>
        {
            SeedItemTypes(items.Select(i => new PeoplevoxItemType(new Dictionary<string, string>(i, StringComparer.OrdinalIgnoreCase))));
            return Ok(ItemTypes.Select(i => i.Fields));
        }));
        control.MapGet("/availability", () => Ok(Availability));
        control.MapPost("/availability", (PeoplevoxAvailabilityRequest request) =>
            Control(() => Ok(SetAvailability(request.ItemCode, request.Available))));
        control.MapGet("/sales-orders", () => Ok(SalesOrders));
        control.MapGet("/sales-orders/{number}", (string number) =>
            FindSalesOrder(number) is { } order ? Ok(order) : Results.NotFound());
        control.MapPost("/sales-orders/{number}/status", (string number, PeoplevoxStatusRequest request) => Control(() =>
        {
            if (!Enum.TryParse<PeoplevoxSalesOrderStatus>(request.Status, ignoreCase: true, out var status))
            {
                throw new ArgumentException($"Unknown status '{request.Status}'.", nameof(request));
            }

            var details = new PeoplevoxDespatchDetails(request.TrackingNumber, request.Carrier, request.Service);
            return Ok(AdvanceSalesOrder(number, status, details));
        }));
        control.MapPost("/sales-orders/{number}/part-despatch", (string number, PeoplevoxPartDespatchRequest request) =>
            Control(() => Ok(PartDespatch(
                number, request.Lines, new PeoplevoxDespatchDetails(request.TrackingNumber, request.Carrier, request.Service)))));
        control.MapGet("/despatches", () => Ok(Despatches));
        control.MapPost("/goods-received", (PeoplevoxGoodsReceivedRequest request) =>
            Control(() => Ok(ReceiveGoods(request.ItemCode, request.Quantity, request.Reference))));
        control.MapPost("/returns", (PeoplevoxReturnRequest request) => Control(() =>
        {
            RecordReturn(request.SalesOrderNumber, request.ItemCode, request.Quantity, request.Reason, request.Restock);
            return Results.NoContent();
        }));
        control.MapGet("/subscriptions", () => Ok(Subscriptions));
        control.MapPost("/subscriptions", (PeoplevoxSubscriptionOptions request) =>
            Control(() => Ok(Subscribe(request))));
        control.MapDelete("/subscriptions/{id:int}", (int id) => Unsubscribe(id) ? Results.NoContent() : Results.NotFound());
        control.MapGet("/events", () => Ok(Events));
        control.MapPost("/sessions/expire", () =>
        {
            ExpireSessions();
            return Results.NoContent();
        });
    }

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static IResult Ok(object value) => Results.Json(value, ControlJson);

    private static IResult Control(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.NotFound(new { error = ex.Message });
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
        catch (InvalidOperationException ex)
        {
            return Results.Conflict(new { error = ex.Message });
        }
        catch (PeoplevoxSearchException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
    }
}
