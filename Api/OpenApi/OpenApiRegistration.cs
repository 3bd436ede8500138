using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Ledger.Api.OpenApi;

public static class OpenApiRegistration
{
    /// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c>, shaped by Ledger's transformers.</summary>
    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<LedgerDocumentTransformer>();
            options.AddOperationTransformer<FastEndpointsOperationTransformer>();
            // Last, once operations have dropped the bodies whose schemas it removes.
            options.AddDocumentTransformer<UnreferencedSchemaTransformer>();
        });

    /// <summary>The document and its browsable reference at <c>/scalar</c>, both anonymous.</summary>
    public static WebApplication MapLedgerOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapScalarApiReference(options => options
            .WithTitle("Ledger API")
            .AddPreferredSecuritySchemes(OpenApiSecurity.SchemeName));
        return app;
    }
}
