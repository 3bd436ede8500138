using FastEndpoints;
using Ledger.Infrastructure.ApiKeys;

namespace Ledger.Api.Security.CreateApiKey;

public sealed record CreateApiKeyRequest(string Name, string Role);

/// <summary><see cref="Key"/> is shown this once: Ledger keeps only its hash.</summary>
public sealed record CreateApiKeyResponse(string KeyId, string Name, string Role, string Key, DateTimeOffset CreatedAt);

public sealed class CreateApiKeyEndpoint(ApiKeyStore store) : Endpoint<CreateApiKeyRequest, CreateApiKeyResponse>
{
    public override void Configure()
    {
        Post("/api/keys");
        Policies(LedgerPolicies.Admin);
        Description(d => d.WithTags("API keys")
            .Produces<CreateApiKeyResponse>(StatusCodes.Status201Created)
            .ProducesProblemDetails(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "Create an API key";
            s.Description = "Returns the key once; Ledger stores only its SHA-256. Roles: reader (views), operator (exceptions, retries), admin (mappings, rebuilds, keys).";
        });
    }

    public override async Task HandleAsync(CreateApiKeyRequest req, CancellationToken ct)
    {
        var created = await store.CreateAsync(req.Name.Trim(), req.Role, ct);
        // The body holds a secret: no cache anywhere may keep it.
        HttpContext.Response.Headers.CacheControl = "no-store";
        await Send.ResponseAsync(
            new CreateApiKeyResponse(created.Info.KeyId, created.Info.Name, created.Info.Role, created.Key, created.Info.CreatedAt),
            StatusCodes.Status201Created,
            ct);
    }
}
