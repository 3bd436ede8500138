using System.Globalization;
using System.Reflection;
using System.Text.Json;
using FastEndpoints;
using Ledger.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Ledger.Api.OpenApi;

/// <summary>
/// Makes FastEndpoints' operations read as they behave. ASP.NET Core's generator sees a FastEndpoints
/// request DTO only as a JSON body, even on a GET, and knows nothing of route values or query strings
/// bound into it: here route and query properties become parameters, bodiless methods lose the body,
/// and operations that need an API key say so, with their 401 and 403 problems.
/// </summary>
internal sealed class FastEndpointsOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly HashSet<string> BodilessMethods = new(StringComparer.OrdinalIgnoreCase) { "GET", "DELETE", "HEAD", "OPTIONS" };

    private readonly NullabilityInfoContext _nullability = new();

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var routeParameters = RoutePatternFactory.Parse(context.Description.RelativePath ?? string.Empty).Parameters.Select(p => p.Name).ToList();
        var definition = metadata.OfType<EndpointDefinition>().FirstOrDefault();
        if (definition?.ReqDtoType is { } requestType && requestType != typeof(EmptyRequest))
        {
            await DescribeRequestAsync(operation, context, requestType, routeParameters, cancellationToken);
        }

        // Route values an endpoint reads itself (no DTO) are parameters all the same.
        foreach (var name in routeParameters)
        {
            await AddParameterAsync(operation, context, name, ParameterLocation.Path, typeof(string), required: true, cancellationToken);
        }

        await AddDroppedResponsesAsync(operation, context, metadata, cancellationToken);
        if (metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy) && !metadata.Any(m => m is IAllowAnonymous))
        {
            await DescribeSecurityAsync(operation, context, definition, cancellationToken);
        }
    }

    /// <summary>
    /// ApiExplorer skips declared responses whose type is an <see cref="IResult"/>, and FastEndpoints'
    /// ProblemDetails, its validation failure, is one: without this the 400s it sends go undocumented.
    /// </summary>
    private static async Task AddDroppedResponsesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, IList<object> metadata, CancellationToken cancellationToken)
    {
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>())
        {
            var status = declared.StatusCode.ToString(CultureInfo.InvariantCulture);
            operation.Responses ??= [];
            if (operation.Responses.ContainsKey(status) || declared.Type is null || declared.Type == typeof(void))
            {
                continue;
            }

            var schema = declared.Type == typeof(FastEndpoints.ProblemDetails)
                ? await ComponentSchemaAsync(context, "ValidationProblemDetails", declared.Type, cancellationToken)
                : await context.GetOrCreateSchemaAsync(declared.Type, null, cancellationToken);
            operation.Responses[status] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(declared.StatusCode),
                Content = (declared.ContentTypes.Any() ? declared.ContentTypes : ["application/json"])
                    .ToDictionary(contentType => contentType, _ => new OpenApiMediaType { Schema = schema }),
            };
        }
    }

    private async Task DescribeRequestAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, Type requestType, List<string> routeParameters, CancellationToken cancellationToken)
    {
        var bodiless = BodilessMethods.Contains(context.Description.HttpMethod ?? string.Empty);
        var positional = requestType.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() ?? [];
        var bodyProperties = 0;
        foreach (var property in requestType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
        {
            if (property.IsDefined(typeof(FromClaimAttribute)) || property.IsDefined(typeof(HasPermissionAttribute)) ||
                property.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute)))
            {
                continue;
            }

            var boundName = property.GetCustomAttribute<BindFromAttribute>()?.Name ?? property.Name;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (property.GetCustomAttribute<FromHeaderAttribute>() is { } header)
            {
                await AddParameterAsync(operation, context, header.HeaderName ?? boundName, ParameterLocation.Header, type, header.IsRequired, cancellationToken);
                continue;
            }

            var routeName = routeParameters.FirstOrDefault(r => string.Equals(r, boundName, StringComparison.OrdinalIgnoreCase));
            if (routeName is not null)
            {
                await AddParameterAsync(operation, context, routeName, ParameterLocation.Path, type, required: true, cancellationToken);
            }
            else if ((bodiless || property.IsDefined(typeof(QueryParamAttribute))) && !property.IsDefined(typeof(FromBodyAttribute)))
            {
                var queryName = property.IsDefined(typeof(BindFromAttribute)) ? boundName : JsonNamingPolicy.CamelCase.ConvertName(boundName);
                await AddParameterAsync(operation, context, queryName, ParameterLocation.Query, type, IsRequired(property, positional), cancellationToken);
            }
            else
            {
                bodyProperties++;
            }
        }

        if (bodiless || bodyProperties == 0)
        {
            operation.RequestBody = null;
        }
    }

    /// <summary>
    /// Required only when a caller must send it: a <c>required</c> member, or a non-nullable positional
    /// parameter without a default. A plain property may have an initialiser this cannot see.
    /// </summary>
    private bool IsRequired(PropertyInfo property, ParameterInfo[] positional)
    {
        if (_nullability.Create(property).ReadState == NullabilityState.Nullable)
        {
            return false;
        }

        if (property.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute)))
        {
            return true;
        }

        var parameter = positional.FirstOrDefault(p => p.Name == property.Name);
        return parameter is not null && !parameter.HasDefaultValue;
    }

    private static async Task AddParameterAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, string name, ParameterLocation location, Type type, bool required, CancellationToken cancellationToken)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.In == location && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = location,
            Required = required,
            Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken),
        });
    }

    private static async Task DescribeSecurityAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, EndpointDefinition? definition, CancellationToken cancellationToken)
    {
        if (context.Document is { } document)
        {
            OpenApiSecurity.EnsureScheme(document);
            operation.Security = [OpenApiSecurity.Requirement(document)];
        }

        var required = definition?.PreBuiltUserPolicies?.Concat(definition.AllowedRoles ?? []).ToList() ?? [];
        // Policies and roles are both named after roles; a key of that role or any above it passes.
        var lowest = ApiKeyRoles.All.FirstOrDefault(required.Contains);
        if (lowest is not null)
        {
            var roles = ApiKeyRoles.All.SkipWhile(r => r != lowest).Select(r => $"`{r}`").ToList();
            var text = $"Needs an API key with role {(roles.Count == 1 ? roles[0] : $"{string.Join(", ", roles[..^1])} or {roles[^1]}")}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? text : $"{operation.Description}\n\n{text}";
        }

        operation.Responses ??= [];
        var problem = await ProblemSchemaAsync(context, cancellationToken);
        operation.Responses["401"] = Problem($"No API key in {OpenApiSecurity.HeaderName}, or an unknown or revoked one.", problem);
        operation.Responses["403"] = Problem("The API key's role may not do this.", problem);
    }

    private static Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        ComponentSchemaAsync(context, nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), cancellationToken);

    /// <summary>A reference to the document's schema of that name, added to its components if nothing else put it there.</summary>
    private static async Task<IOpenApiSchema> ComponentSchemaAsync(OpenApiOperationTransformerContext context, string name, Type type, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        if (context.Document is not { } document)
        {
            return schema;
        }

        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, schema);
        }

        return new OpenApiSchemaReference(name, document);
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
