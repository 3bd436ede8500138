using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Health;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests;

[Trait("Category", "Integration")]
public sealed class HealthAndOpenApiTests(LedgerApp app) : IClassFixture<LedgerApp>
{
    [Fact]
    public async Task GivenStartedLedger_WhenHealthIsAsked_Then200Ready()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<GetHealthResponse>();
        body!.Status.ShouldBe("ready");
    }

    [Fact]
    public async Task GivenStartedLedger_WhenTheOpenApiDocumentIsAsked_ThenItIsOpenApi31AndListsHealth()
    {
        using var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        document.RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.1");
        document.RootElement.GetProperty("paths").TryGetProperty("/health", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task GivenStartedLedger_WhenTheReferencePageIsAsked_ThenItIsServed()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/scalar", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GivenAnUnknownRoute_ThenProblemDetails404()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/no/such/thing", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
