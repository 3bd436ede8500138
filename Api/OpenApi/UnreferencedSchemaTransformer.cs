using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ledger.Api.OpenApi;

/// <summary>
/// Drops component schemas nothing refers to, such as the request DTO of a GET once its properties have
/// become parameters, so the reference page lists only the shapes that travel. Runs last.
/// </summary>
internal sealed class UnreferencedSchemaTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { Count: > 0 } schemas)
        {
            return;
        }

        // A schema referred to only by a dropped schema is dropped on the next pass.
        while (true)
        {
            var json = await SerializeAsync(document);
            var unreferenced = schemas.Keys.Where(name => !json.Contains($"\"#/components/schemas/{name}\"", StringComparison.Ordinal)).ToList();
            if (unreferenced.Count == 0)
            {
                return;
            }

            foreach (var name in unreferenced)
            {
                schemas.Remove(name);
            }
        }
    }

    private static async Task<string> SerializeAsync(OpenApiDocument document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        await writer.FlushAsync();
        return writer.ToString();
    }
}
