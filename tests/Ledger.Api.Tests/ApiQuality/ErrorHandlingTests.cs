using System.Net;
using System.Text;
using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Ledger.Api.Tests.ApiQuality;

[Trait("Category", "Integration")]
[Collection(nameof(SharedLedgerApp))]
public sealed class ErrorHandlingTests(LedgerApp app)
{
    [Theory]
    [InlineData("/api/nothing")]
    [InlineData("/no/such/thing")]
    public async Task GivenAnUnknownRoute_Then404Problem(string path)
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task GivenMalformedJson_Then400Problem()
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Post, "/api/keys", DevApiKeys.Admin, new StringContent("{\"name\": ", Encoding.UTF8, "application/json")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task GivenAQueryValueOfTheWrongType_Then400ProblemNamingIt()
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(DevApiKeys.Request(HttpMethod.Get, "/api/keys?includeRevoked=perhaps", DevApiKeys.Admin));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("includeRevoked", Case.Insensitive);
    }

    [Fact]
    public async Task GivenTheWrongMethodOrContentType_ThenA4xxProblemNotA500()
    {
        using var client = app.CreateClient();

        using var wrongMethod = await client.SendAsync(DevApiKeys.Request(HttpMethod.Put, "/api/keys", DevApiKeys.Admin));
        using var wrongType = await client.SendAsync(DevApiKeys.Request(HttpMethod.Post, "/api/keys", DevApiKeys.Admin, new StringContent("name=x", Encoding.UTF8, "text/plain")));

        wrongMethod.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        wrongMethod.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((int)wrongType.StatusCode).ShouldBeInRange(400, 499);
        wrongType.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task GivenLedgerFails_Then500ProblemWithoutTheExceptionsDetails()
    {
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IEventStore, FailingEventStore>()));
        using var client = failing.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain(FailingEventStore.Secret);
        body.ShouldNotContain("   at ");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.TryGetProperty("traceId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task GivenAStreamChangedByAnotherWriter_Then409ProblemNamingTheRevisions()
    {
        var stream = StreamName.For("shopify.order", "1");
        await using var conflicting = app.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<IEventStore>(new FailingEventStore(() => new WrongExpectedRevisionException(stream, ExpectedRevision.Exact(3), 5)))));
        using var client = conflicting.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("shopify.order-1");
    }

    private sealed class FailingEventStore(Func<Exception>? failure = null) : IEventStore
    {
        public const string Secret = "connection to 10.0.0.7 refused";

        public FailingEventStore()
            : this(null)
        {
        }

        private Exception Failure() => failure?.Invoke() ?? new InvalidOperationException(Secret);

        public Task<AppendResult> AppendToStreamAsync(StreamName stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) => throw Failure();

        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(StreamName stream, ReadDirection direction = ReadDirection.Forwards, long? fromRevision = null, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) => throw Failure();

        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(Position after, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) => throw Failure();

        public IAsyncEnumerable<RecordedEvent> ReadCategoryAsync(string category, Position after, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) => throw Failure();

        public Task<long> GetStreamRevisionAsync(StreamName stream, CancellationToken cancellationToken = default) => throw Failure();

        public Task<RecordedEvent?> ReadEventAsync(Guid eventId, CancellationToken cancellationToken = default) => throw Failure();

        public Task<ReadOnlyMemory<byte>?> ReadRawBodyAsync(Guid eventId, CancellationToken cancellationToken = default) => throw Failure();

        public Task<Position> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => throw Failure();
    }
}
