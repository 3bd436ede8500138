using System.Text.Json;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.ApiQuality;

[Trait("Category", "Integration")]
[Collection(nameof(SharedLedgerApp))]
public sealed class OpenApiDocumentTests(LedgerApp app)
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        return document.RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static IEnumerable<(string Name, string In)> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!))
            : [];

    [Fact]
    public async Task TheDocumentIsLedgersWithTheApiKeyScheme()
    {
        var document = await DocumentAsync();

        document.GetProperty("info").GetProperty("title").GetString().ShouldBe("Ledger");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("type").GetString().ShouldBe("apiKey");
        scheme.GetProperty("in").GetString().ShouldBe("header");
        scheme.GetProperty("name").GetString().ShouldBe("X-Api-Key");
    }

    [Fact]
    public async Task RevokingAKey_TakesKeyIdAsAPathParameterAndNoBody()
    {
        var operation = Operation(await DocumentAsync(), "/api/keys/{keyId}", "delete");

        Parameters(operation).ShouldContain(("keyId", "path"));
        operation.TryGetProperty("requestBody", out _).ShouldBeFalse();
        operation.GetProperty("responses").TryGetProperty("204", out _).ShouldBeTrue();
        operation.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ListingKeys_HasNoBody_TakesItsFilterFromTheQuery_AndDocuments401And403()
    {
        var operation = Operation(await DocumentAsync(), "/api/keys", "get");

        operation.TryGetProperty("requestBody", out _).ShouldBeFalse();
        Parameters(operation).ShouldContain(("includeRevoked", "query"));
        var responses = operation.GetProperty("responses");
        foreach (var status in new[] { "200", "401", "403" })
        {
            responses.TryGetProperty(status, out _).ShouldBeTrue($"GET /api/keys should document {status}");
        }

        responses.GetProperty("401").GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        operation.GetProperty("security")[0].TryGetProperty("ApiKey", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task CreatingAKey_DocumentsItsValidationProblem()
    {
        var responses = Operation(await DocumentAsync(), "/api/keys", "post").GetProperty("responses");

        responses.TryGetProperty("201", out _).ShouldBeTrue();
        responses.GetProperty("400").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()
            .ShouldBe("#/components/schemas/ValidationProblemDetails");
    }

    [Fact]
    public async Task WebhooksNeedNoApiKey_AndTheirRouteValuesAreParameters()
    {
        var document = await DocumentAsync();

        var shopify = Operation(document, "/webhooks/shopify", "post");
        shopify.TryGetProperty("security", out _).ShouldBeFalse();
        shopify.GetProperty("responses").TryGetProperty("403", out _).ShouldBeFalse();
        Parameters(Operation(document, "/webhooks/acs/{messageType}", "post")).ShouldContain(("messageType", "path"));
    }

    [Fact]
    public async Task EveryOperationDocumentsItsResponses_AndNoGetHasABody()
    {
        var document = await DocumentAsync();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operation.Value.GetProperty("responses").EnumerateObject().ShouldNotBeEmpty($"{operation.Name} {path.Name}");
                if (operation.Name is "get" or "delete")
                {
                    operation.Value.TryGetProperty("requestBody", out _).ShouldBeFalse($"{operation.Name} {path.Name} should have no body");
                }
            }
        }
    }
}
