using Microsoft.OpenApi;

namespace Ledger.Api.OpenApi;

/// <summary>The API key security scheme, declared once in the document's components and referenced by secured operations.</summary>
internal static class OpenApiSecurity
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = Security.ApiKeyAuthenticationDefaults.HeaderName;

    public static void EnsureScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = HeaderName,
            Description = "An API key, `ldg_<keyId>_<secret>`. Admins create keys with `POST /api/keys`; development's keys are in appsettings.Development.json.",
        };
    }

    public static OpenApiSecurityRequirement Requirement(OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] };
}
