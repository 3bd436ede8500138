using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.OpenApi;

/// <summary>What the document says about Ledger as a whole: its name, purpose and how callers authenticate.</summary>
internal sealed class LedgerDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Ledger",
            Version = "v1",
            Description =
                "Ledger records every order, stock, despatch and shipment event that Shopify, WooCommerce, Linnworks, " +
                "Peoplevox, ACS and InPost report, unchanged, in an append-only log, and serves read models built from it.\n\n" +
                "Webhook and import endpoints authenticate the way their source signs (HMAC, token or bearer key). " +
                $"Every other `/api` endpoint takes an API key in the `{OpenApiSecurity.HeaderName}` header; its role decides what it may do: " +
                "`reader` sees views, `operator` also works exceptions and retries, `admin` also changes mappings, rebuilds views and manages keys. " +
                "Errors are RFC 9457 problem details.",
        };
        OpenApiSecurity.EnsureScheme(document);
        return Task.CompletedTask;
    }
}
