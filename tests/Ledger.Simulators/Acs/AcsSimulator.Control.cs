namespace Ledger.Simulators.Acs;

/// <summary><c>POST /_control/acs/orders/{n}/despatch</c> and <c>/part-despatch</c> (lines only for the latter).</summary>
public sealed record AcsDespatchRequest(string? TrackingNumber = null, string? Carrier = null, IReadOnlyList<AcsLine>? Lines = null);

/// <summary><c>POST /_control/acs/orders/{n}/reject</c> and <c>/cancel</c>.</summary>
public sealed record AcsReasonRequest(string? Reason = null);

/// <summary><c>POST /_control/acs/tags</c>: either one tag (<c>TagId</c>) or <c>Count</c> generated ones.</summary>
public sealed record AcsTagsRequest(string Sku, string? TagId = null, int Count = 1, string? LocationStatus = null);

/// <summary><c>POST /_control/acs/tags/{tagId}/status</c>.</summary>
public sealed record AcsTagStatusRequest(string LocationStatus);

/// <summary><c>POST /_control/acs/returns/{tagId}/grade</c>; grade is A, B, C or BER.</summary>
public sealed record AcsGradeRequest(string Grade, string? OrderNumber = null, string? Notes = null);

public sealed partial class AcsSimulator
{
    private void MapControl(RouteGroupBuilder control)
    {
        control.MapGet("/orders", () => Ok(Orders));
        control.MapGet("/orders/{orderNumber}", (string orderNumber) =>
            FindOrder(orderNumber) is { } order ? Ok(order) : Results.NotFound());
        control.MapPost("/orders", (AcsOrderSubmission submission) => Control(() =>
            Results.Json(ReceiveOrder(submission), AcsJson.Options, statusCode: StatusCodes.Status201Created)));
        control.MapPost("/orders/{orderNumber}/received", (string orderNumber) => Control(() => Ok(AcknowledgeReceived(orderNumber))));
        control.MapPost("/orders/{orderNumber}/picking", (string orderNumber) => Control(() => Ok(StartPicking(orderNumber))));
        control.MapPost("/orders/{orderNumber}/packed", (string orderNumber) => Control(() => Ok(MarkPacked(orderNumber))));
        control.MapPost("/orders/{orderNumber}/despatch", (string orderNumber, AcsDespatchRequest? request) =>
            Control(() => Ok(Despatch(orderNumber, request?.TrackingNumber, request?.Carrier))));
        control.MapPost("/orders/{orderNumber}/part-despatch", (string orderNumber, AcsDespatchRequest request) =>
            Control(() => Ok(PartDespatch(orderNumber, request.Lines ?? [], request.TrackingNumber, request.Carrier))));
        control.MapPost("/orders/{orderNumber}/reject", (string orderNumber, AcsReasonRequest request) =>
            Control(() => Ok(Reject(orderNumber, request.Reason ?? ""))));
        control.MapPost("/orders/{orderNumber}/cancel", (string orderNumber, AcsReasonRequest? request) =>
            Control(() => Ok(Cancel(orderNumber, request?.Reason))));
        control.MapGet("/tags", () => Ok(Tags));
        control.MapPost("/tags", (AcsTagsRequest request) => Control(() =>
        {
            var status = request.LocationStatus ?? AcsLocationStatuses.ReadyForCustomer;
            return Ok(request.TagId is { } tagId
                ? [AddTag(tagId, request.Sku, status)]
                : AddTags(request.Sku, request.Count, status));
        }));
        control.MapPost("/tags/{tagId}/status", (string tagId, AcsTagStatusRequest request) =>
            Control(() => Ok(SetTagStatus(tagId, request.LocationStatus))));
        control.MapPost("/returns/{tagId}/receive", (string tagId) => Control(() => Ok(ReceiveReturn(tagId))));
        control.MapPost("/returns/{tagId}/grade", (string tagId, AcsGradeRequest request) => Control(() =>
        {
            if (!Enum.TryParse<AcsGrade>(request.Grade, ignoreCase: true, out var grade) || !Enum.IsDefined(grade))
            {
                throw new ArgumentException($"Unknown grade '{request.Grade}'.", nameof(request));
            }

            return Ok(GradeReturn(tagId, grade, request.OrderNumber, request.Notes));
        }));
        control.MapGet("/stock.csv", () => Results.Text(BuildStockCsv(), "text/csv; charset=utf-8"));
        control.MapPost("/stock/publish", () => Control(() => Ok(PublishStockFile())));
        control.MapGet("/messages", () => Ok(SentMessages));
        control.MapPost("/messages/{messageId}/resend", (string messageId) => Control(() => Ok(Resend(messageId))));
    }

    private static IResult Ok(object value) => Results.Json(value, AcsJson.Options);

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
        catch (IOException ex)
        {
            return Results.Problem(ex.Message);
        }
    }
}
