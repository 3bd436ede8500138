using FastEndpoints;
using Ledger.Application.Connectors.Acs;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Webhooks.Acs;

/// <summary>ACS's daily stock file (CSV), imported once by content hash, all rows or none.</summary>
public sealed class ImportAcsStockFileEndpoint(AcsReceiver receiver) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/imports/acs/stock");
        AllowAnonymous();
        Description(d => d.WithTags("Imports")
            .Accepts<string>("text/csv")
            .Produces<InboundHttp.RecordedResponse>(200)
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(413));
        Summary(s =>
        {
            s.Summary = "Import ACS's daily stock file";
            s.Description = "CSV with header TagId,Sku,LocationStatus,LastUpdated, one row per garment tag. Authorization: Bearer <key>. A malformed row rejects the file, naming its line.";
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

        var fileName = HttpContext.Request.Headers.TryGetValue(HeaderNames.ContentDisposition, out var cd)
            && ContentDispositionHeaderValue.TryParse(cd.ToString(), out var disposition) ? disposition.FileName.Value?.Trim('"') : null;
        var result = await receiver.ReceiveStockFileAsync(AcsBearer.From(HttpContext.Request), body, fileName, ct);
        await Send.ResultAsync(InboundHttp.ToHttp(result));
    }
}

/// <summary>ACS's order status and returns grading messages.</summary>
public sealed class ReceiveAcsMessageEndpoint(AcsReceiver receiver) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/webhooks/acs/{messageType}");
        AllowAnonymous();
        Description(d => d.WithTags("Webhooks")
            .Accepts<object>("application/json")
            .Produces<InboundHttp.RecordedResponse>(200)
            .ProducesProblem(400)
            .ProducesProblem(401));
        Summary(s =>
        {
            s.Summary = "Receive an ACS message";
            s.Description = "messageType orderstatus or returns (formats in docs/connectors.md). Authorization: Bearer <key>. De-duplicated by messageId.";
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

        var result = await receiver.ReceiveMessageAsync(AcsBearer.From(HttpContext.Request), Route<string>("messageType") ?? string.Empty, body, ct);
        await Send.ResultAsync(InboundHttp.ToHttp(result));
    }
}

internal static class AcsBearer
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
