using FastEndpoints;
using Ledger.Infrastructure;

namespace Ledger.Api.Health;

public sealed record GetHealthResponse(string Status, long Position, string Detail);

/// <summary>200 once the store answers and its schema is in place; 503 until then.</summary>
public sealed class GetHealthEndpoint(StoreHealth health) : EndpointWithoutRequest<GetHealthResponse>
{
    public override void Configure()
    {
        Get("/health");
        AllowAnonymous();
        Description(d => d.WithTags("Health").Produces<GetHealthResponse>(200).Produces<GetHealthResponse>(503));
        Summary(s => s.Summary = "Whether Ledger's store is ready");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (ready, head, detail) = await health.CheckAsync(ct);
        await Send.ResponseAsync(new GetHealthResponse(ready ? "ready" : "starting", head.Value, detail), ready ? 200 : 503, ct);
    }
}
