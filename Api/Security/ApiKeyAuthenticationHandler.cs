using System.Security.Claims;
using System.Text.Encodings.Web;
using Ledger.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Security;

public static class ApiKeyAuthenticationDefaults
{
    public const string Scheme = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>The key's own role; the role claims also carry the roles it implies.</summary>
    public const string KeyRoleClaim = "ledger:key_role";
}

/// <summary>
/// Authenticates <c>X-Api-Key</c> by the SHA-256 of the key. A request without the header is left
/// anonymous (webhooks and health need none); a key that is unknown or revoked fails, and endpoints that
/// need a key then answer a 401 problem. A key carries its role and every role below it, so both
/// <c>Policies(...)</c> and FastEndpoints' <c>Roles(...)</c> see the hierarchy.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyAuthenticationDefaults.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.Fail($"Send exactly one API key in {ApiKeyAuthenticationDefaults.HeaderName}.");
        }

        var key = await store.FindAsync(values[0]!.Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail($"The API key in {ApiKeyAuthenticationDefaults.HeaderName} is unknown or revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.KeyId),
            new(ClaimTypes.Name, key.Name),
            new(ApiKeyAuthenticationDefaults.KeyRoleClaim, key.Role),
        };
        claims.AddRange(ImpliedRoles(key.Role).Select(role => new Claim(ClaimTypes.Role, role)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthenticationDefaults.Scheme} header=\"{ApiKeyAuthenticationDefaults.HeaderName}\"";
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            result.Failure?.Message ?? $"This endpoint needs an API key in the {ApiKeyAuthenticationDefaults.HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(
            StatusCodes.Status403Forbidden,
            "Forbidden",
            $"API key {Context.User.FindFirstValue(ClaimTypes.NameIdentifier)} has role '{Context.User.FindFirstValue(ApiKeyAuthenticationDefaults.KeyRoleClaim)}', which may not do this.");

    private static IEnumerable<string> ImpliedRoles(string role) => role switch
    {
        ApiKeyRoles.Admin => [ApiKeyRoles.Admin, ApiKeyRoles.Operator, ApiKeyRoles.Reader],
        ApiKeyRoles.Operator => [ApiKeyRoles.Operator, ApiKeyRoles.Reader],
        ApiKeyRoles.Reader => [ApiKeyRoles.Reader],
        _ => [],
    };

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
