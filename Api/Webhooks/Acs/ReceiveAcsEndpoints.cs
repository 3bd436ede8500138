using Ledger.Application.Connectors.Acs;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Webhooks.Acs;

/// <summary>ACS's daily stock file (CSV), imported once by content hash, all rows or none.</summary>
public sealed class ImportAcsStockFileEndpoint(AcsReceiver receiver) : InboundEndpoint
{
    public override void Configure()
    {
        Post("/imports/acs/stock");
        DescribeInbound("Imports", "Import ACS's daily stock file",
            "CSV with header TagId,Sku,LocationStatus,LastUpdated, one row per garment tag. Authorization: Bearer <key>. A malformed row rejects the file, naming its line.",
            "text/csv");
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var fileName = Header(HeaderNames.ContentDisposition) is { } cd && ContentDispositionHeaderValue.TryParse(cd, out var disposition)
            ? disposition.FileName.Value?.Trim('"')
            : null;
        return ReceiveAsync(body => receiver.ReceiveStockFileAsync(Bearer(), body, fileName, ct), ct);
    }

    private string? Bearer() => AcsBearer.From(HttpContext.Request);
}

/// <summary>ACS's order status and returns grading messages.</summary>
public sealed class ReceiveAcsMessageEndpoint(AcsReceiver receiver) : InboundEndpoint
{
    public override void Configure()
    {
        Post("/webhooks/acs/{messageType}");
        DescribeInbound("Webhooks", "Receive an ACS message",
            "messageType orderstatus or returns (formats in docs/connectors.md). Authorization: Bearer <key>. De-duplicated by messageId.",
            "application/json");
    }

    public override Task HandleAsync(CancellationToken ct) => ReceiveAsync(
        body => receiver.ReceiveMessageAsync(AcsBearer.From(HttpContext.Request), Route<string>("messageType") ?? string.Empty, body, ct), ct);
}

internal static class AcsBearer
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
