using FastEndpoints;
using Ledger.Infrastructure.ApiKeys;

namespace Ledger.Api.Security.RevokeApiKey;

public sealed record RevokeApiKeyRequest
{
    public string KeyId { get; init; } = string.Empty;
}

public sealed class RevokeApiKeyEndpoint(ApiKeyStore store) : Endpoint<RevokeApiKeyRequest>
{
    public override void Configure()
    {
        Delete("/api/keys/{keyId}");
        Policies(LedgerPolicies.Admin);
        Description(d => d.WithTags("API keys")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound));
        Summary(s =>
        {
            s.Summary = "Revoke an API key";
            s.Description = "The key stops working at once. Revoking a revoked key is a no-op; the key stays listed with includeRevoked.";
        });
    }

    public override async Task HandleAsync(RevokeApiKeyRequest req, CancellationToken ct)
    {
        if (!await store.RevokeAsync(req.KeyId, ct))
        {
            await Send.ResultAsync(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"There is no API key '{req.KeyId}'."));
            return;
        }

        await Send.NoContentAsync(ct);
    }
}
