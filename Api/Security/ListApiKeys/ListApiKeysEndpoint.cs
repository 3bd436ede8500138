using FastEndpoints;
using Ledger.Infrastructure.ApiKeys;

namespace Ledger.Api.Security.ListApiKeys;

public sealed record ListApiKeysRequest
{
    /// <summary>Revoked keys too, for an audit of who held which role.</summary>
    [QueryParam]
    public bool IncludeRevoked { get; init; }
}

public sealed record ListApiKeysResponse(IReadOnlyList<ApiKeySummary> Keys);

public sealed record ApiKeySummary(string KeyId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed class ListApiKeysEndpoint(ApiKeyStore store) : Endpoint<ListApiKeysRequest, ListApiKeysResponse>
{
    public override void Configure()
    {
        Get("/api/keys");
        Policies(LedgerPolicies.Admin);
        Description(d => d.WithTags("API keys")
            .Produces<ListApiKeysResponse>(StatusCodes.Status200OK)
            .ProducesProblemDetails(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "List API keys";
            s.Description = "Key ids, names and roles; never secrets, which Ledger does not keep.";
        });
    }

    public override async Task HandleAsync(ListApiKeysRequest req, CancellationToken ct)
    {
        var keys = await store.ListAsync(req.IncludeRevoked, ct);
        await Send.OkAsync(new ListApiKeysResponse(keys.Select(k => new ApiKeySummary(k.KeyId, k.Name, k.Role, k.CreatedAt, k.RevokedAt)).ToList()), ct);
    }
}
