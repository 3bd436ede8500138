using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Simulators.InPost;

/// <summary>
/// ShipX endpoints under <c>/inpost/v1</c>. ShipX has no idempotency key: a retried create makes a second
/// shipment, so Ledger must search by <c>reference</c> before retrying. <c>X-Request-Id</c> is echoed for
/// log correlation only.
/// </summary>
internal static class ShipXWireApi
{
    private const int DefaultPerPage = 25;

    public static void Map(IEndpointRouteBuilder app, InPostSimulator inpost)
    {
        var v1 = app.MapGroup(inpost.PathPrefix + "/v1")
            .AddEndpointFilter((context, next) => Throttle(context, next, inpost));
        var secured = v1.MapGroup("").AddEndpointFilter((context, next) => Authorise(context, next, inpost));

        secured.MapPost("/organizations/{org:int}/shipments", async (int org, HttpRequest request) =>
            CheckOrganisation(org, inpost) ?? Create(await ReadRequest(request), inpost));
        secured.MapGet("/organizations/{org:int}/shipments", (int org, HttpRequest request) =>
            CheckOrganisation(org, inpost) ?? Search(request, inpost));
        secured.MapGet("/shipments/{id:long}", (long id) =>
            inpost.GetShipment(id) is { } shipment ? ShipXJson.Result(shipment) : NotFound());
        secured.MapDelete("/shipments/{id:long}", (long id) => Cancel(id, inpost));
        v1.MapGet("/points/{name}", (string name) =>
            inpost.GetPoint(name) is { } point ? ShipXJson.Result(point) : NotFound());
        v1.MapGet("/points", (HttpRequest request) => ListPoints(request, inpost));
    }

    private static async ValueTask<object?> Throttle(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, InPostSimulator inpost)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.TryGetValue("X-Request-Id", out var requestId))
        {
            http.Response.Headers["X-Request-Id"] = requestId;
        }

        if (!inpost.RateLimiter.TryAcquire())
        {
            http.Response.Headers.RetryAfter = "1";
            return ShipXJson.Error(StatusCodes.Status429TooManyRequests, "too_many_requests", "Too many requests.");
        }

        return await next(context);
    }

    private static async ValueTask<object?> Authorise(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, InPostSimulator inpost)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (!string.Equals(header, "Bearer " + inpost.Options.ApiToken, StringComparison.Ordinal))
        {
            return ShipXJson.Error(StatusCodes.Status401Unauthorized, "token_invalid", "Token is missing or invalid.");
        }

        return await next(context);
    }

    private static IResult? CheckOrganisation(int org, InPostSimulator inpost) =>
        org == inpost.Options.OrganizationId
            ? null
            : ShipXJson.Error(StatusCodes.Status403Forbidden, "access_forbidden", "You have no permission to access this resource.");

    private static IResult Create(ShipXShipmentRequest? request, InPostSimulator inpost)
    {
        if (request is null)
        {
            return ShipXJson.ValidationFailed(new Dictionary<string, object> { ["body"] = new List<string> { "invalid" } },
                "Data sent by POST or PUT request are not valid. Check details for more info");
        }

        var details = ShipXValidator.Validate(request, inpost.Options, inpost.GetPoint);
        if (details.Count > 0)
        {
            return ShipXJson.ValidationFailed(details);
        }

        return ShipXJson.Result(inpost.Create(request), StatusCodes.Status201Created);
    }

    /// <summary><c>?reference=</c>, <c>tracking_number=</c>, <c>status=</c>, <c>id=</c> (comma lists), paged as ShipX pages.</summary>
    private static IResult Search(HttpRequest request, InPostSimulator inpost)
    {
        var query = request.Query;
        IEnumerable<ShipXShipment> shipments = inpost.Shipments;
        shipments = Filter(shipments, query["reference"], s => s.Reference);
        shipments = Filter(shipments, query["tracking_number"], s => s.TrackingNumber);
        shipments = Filter(shipments, query["status"], s => s.Status);
        shipments = Filter(shipments, query["id"], s => s.Id.ToString(CultureInfo.InvariantCulture));
        return Page(request, shipments.OrderByDescending(s => s.Id).ToList());
    }

    private static IResult Cancel(long id, InPostSimulator inpost)
    {
        if (inpost.GetShipment(id) is null)
        {
            return NotFound();
        }

        return inpost.Store.TryCancel(id, out _)
            ? Results.NoContent()
            : ShipXJson.Error(StatusCodes.Status400BadRequest, "invalid_action",
                "Shipment can be cancelled only in status created or offers_prepared.");
    }

    private static IResult ListPoints(HttpRequest request, InPostSimulator inpost)
    {
        IEnumerable<ShipXPoint> points = inpost.Points;
        points = Filter(points, request.Query["name"], p => p.Name);
        return Page(request, points.ToList());
    }

    private static IResult Page<T>(HttpRequest request, IReadOnlyList<T> items)
    {
        var page = int.TryParse(request.Query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(request.Query["per_page"], CultureInfo.InvariantCulture, out var pp) && pp > 0 ? pp : DefaultPerPage;
        return ShipXJson.Result(new
        {
            href = request.Path.Value + request.QueryString.Value,
            count = items.Count,
            page,
            per_page = perPage,
            total_pages = (items.Count + perPage - 1) / perPage,
            items = items.Skip((page - 1) * perPage).Take(perPage).ToList(),
        });
    }

    private static IEnumerable<T> Filter<T>(IEnumerable<T> items, string? csv, Func<T, string?> field)
    {
        if (string.IsNullOrEmpty(csv))
        {
            return items;
        }

        var wanted = csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return items.Where(i => field(i) is { } value && wanted.Contains(value));
    }

    /// <summary>ShipX takes <c>parcels</c> as one object or an array; the simulator normalises to an array.</summary>
    private static async Task<ShipXShipmentRequest?> ReadRequest(HttpRequest request)
    {
        try
        {
            if (await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) is not JsonObject body)
            {
                return null;
            }

            if (body["parcels"] is JsonObject single)
            {
                body["parcels"] = new JsonArray(single.DeepClone());
            }

            return body.Deserialize<ShipXShipmentRequest>(ShipXJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult NotFound() =>
        ShipXJson.Error(StatusCodes.Status404NotFound, "resource_not_found", "Resource you are looking for are not found");
}
