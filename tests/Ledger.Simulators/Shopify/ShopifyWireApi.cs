using System.Globalization;
using System.Text.Json;

namespace Ledger.Simulators.Shopify;

/// <summary>The REST Admin endpoints Ledger uses, under <c>/shopify/admin/api/{version}</c>.</summary>
internal static class ShopifyWireApi
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 250;

    public static void Map(IEndpointRouteBuilder app, ShopifySimulator shopify)
    {
        var api = app.MapGroup(shopify.PathPrefix + "/admin/api/{version}")
            .AddEndpointFilter((context, next) => Authorise(context, next, shopify))
            .AddEndpointFilter((context, next) => Throttle(context, next, shopify));

        api.MapGet("/orders/{id:long}.json", (long id) =>
            shopify.GetOrder(id) is { } order ? ShopifyJson.Result(new { order }) : NotFound());
        api.MapGet("/orders.json", (HttpContext http) => ListOrders(http, shopify));
        api.MapGet("/orders/{id:long}/fulfillment_orders.json", (long id) =>
            shopify.Store.FulfillmentOrdersOf(id) is { } list
                ? ShopifyJson.Result(new { fulfillment_orders = list })
                : NotFound());
        api.MapPost("/fulfillments.json", (HttpRequest request) =>
            Idempotent(request.HttpContext, shopify, body => CreateFulfillment(body, shopify)));
        api.MapPost("/inventory_levels/set.json", (HttpRequest request) =>
            Idempotent(request.HttpContext, shopify, body => SetInventoryLevel(body, shopify)));
        api.MapGet("/inventory_levels.json", (HttpContext http) => ListInventoryLevels(http, shopify));
        api.MapGet("/variants/{id:long}.json", (long id) =>
            shopify.Store.FindVariant(id) is { } variant ? ShopifyJson.Result(new { variant }) : NotFound());
        api.MapGet("/locations.json", () => ShopifyJson.Result(new { locations = shopify.Locations }));
    }

    private static async ValueTask<object?> Authorise(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, ShopifySimulator shopify)
    {
        var token = context.HttpContext.Request.Headers["X-Shopify-Access-Token"].ToString();
        if (!string.Equals(token, shopify.Options.AccessToken, StringComparison.Ordinal))
        {
            return ShopifyJson.Error(StatusCodes.Status401Unauthorized,
                "[API] Invalid API key or access token (unrecognized login or wrong password)");
        }

        return await next(context);
    }

    private static async ValueTask<object?> Throttle(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, ShopifySimulator shopify)
    {
        var headers = context.HttpContext.Response.Headers;
        if (!shopify.Bucket.TryTake(out var used, out var retryAfter))
        {
            headers["X-Shopify-Shop-Api-Call-Limit"] = $"{used}/{shopify.Bucket.Size}";
            // Shopify writes seconds as a decimal ("2.0"); scaled tests see fractions.
            headers.RetryAfter = Math.Max(retryAfter.TotalSeconds, 0.001).ToString("0.0##", CultureInfo.InvariantCulture);
            return ShopifyJson.Error(StatusCodes.Status429TooManyRequests,
                "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.");
        }

        headers["X-Shopify-Shop-Api-Call-Limit"] = $"{used}/{shopify.Bucket.Size}";
        return await next(context);
    }

    private static IResult ListOrders(HttpContext http, ShopifySimulator shopify)
    {
        var query = ShopifyOrderQuery.Parse(http.Request.Query, out var error);
        if (query is null)
        {
            return ShopifyJson.Error(StatusCodes.Status400BadRequest, error ?? "Bad Request");
        }

        var limit = int.TryParse(http.Request.Query["limit"], CultureInfo.InvariantCulture, out var l)
            ? Math.Clamp(l, 1, MaxLimit)
            : DefaultLimit;
        var matching = shopify.Orders.Where(query.Matches).ToList();
        var page = matching.Skip(query.Offset).Take(limit).ToList();
        var links = new List<string>();
        var self = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}";
        if (query.Offset > 0)
        {
            var previous = query with { Offset = Math.Max(0, query.Offset - limit) };
            links.Add($"<{self}?limit={limit}&page_info={Uri.EscapeDataString(previous.NextCursor(0))}>; rel=\"previous\"");
        }

        if (query.Offset + limit < matching.Count)
        {
            links.Add($"<{self}?limit={limit}&page_info={Uri.EscapeDataString(query.NextCursor(limit))}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            http.Response.Headers.Link = string.Join(", ", links);
        }

        return ShopifyJson.Result(new { orders = page });
    }

    private static (int Status, byte[] Body) CreateFulfillment(JsonDocument? body, ShopifySimulator shopify)
    {
        ShopifyFulfillmentRequest? request = null;
        if (body?.RootElement.ValueKind == JsonValueKind.Object
            && body.RootElement.TryGetProperty("fulfillment", out var element)
            && element.ValueKind == JsonValueKind.Object)
        {
            try
            {
                request = element.Deserialize<ShopifyFulfillmentRequest>(ShopifyJson.Options);
            }
            catch (JsonException)
            {
                request = null;
            }
        }

        var outcome = shopify.Store.CreateFulfillment(request);
        if (outcome.Fulfillment is null)
        {
            return (outcome.StatusCode, ShopifyJson.Serialize(new { errors = outcome.Errors }));
        }

        shopify.PublishFulfilment(outcome.Fulfillment, outcome.Order!);
        return (StatusCodes.Status201Created, ShopifyJson.Serialize(new { fulfillment = outcome.Fulfillment }));
    }

    private static (int Status, byte[] Body) SetInventoryLevel(JsonDocument? body, ShopifySimulator shopify)
    {
        if (body?.RootElement.ValueKind != JsonValueKind.Object
            || !TryLong(body.RootElement, "inventory_item_id", out var item)
            || !TryLong(body.RootElement, "location_id", out var location)
            || !TryLong(body.RootElement, "available", out var available))
        {
            return (StatusCodes.Status400BadRequest, ShopifyJson.Serialize(new
            {
                errors = new Dictionary<string, string> { ["inventory_item_id"] = "Required parameter missing or invalid" },
            }));
        }

        try
        {
            var level = shopify.Store.SetInventory(item, location, (int)available);
            shopify.PublishInventory(level);
            return (StatusCodes.Status200OK, ShopifyJson.Serialize(new { inventory_level = level }));
        }
        catch (KeyNotFoundException)
        {
            return (StatusCodes.Status404NotFound, ShopifyJson.Serialize(new { errors = "Not Found" }));
        }
    }

    private static IResult ListInventoryLevels(HttpContext http, ShopifySimulator shopify)
    {
        var items = Ids(http.Request.Query["inventory_item_ids"]);
        var locations = Ids(http.Request.Query["location_ids"]);
        if (items is null && locations is null)
        {
            return ShopifyJson.Error(StatusCodes.Status422UnprocessableEntity,
                new List<string> { "inventory_item_ids or location_ids is required" });
        }

        return ShopifyJson.Result(new { inventory_levels = shopify.Store.InventoryLevels(items, locations) });
    }

    /// <summary>Reads the JSON body and runs the action once per <c>Idempotency-Key</c> (when sent).</summary>
    private static async Task<IResult> Idempotent(
        HttpContext http, ShopifySimulator shopify, Func<JsonDocument?, (int Status, byte[] Body)> action)
    {
        JsonDocument? body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        using (body)
        {
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            var (status, bytes) = string.IsNullOrEmpty(key)
                ? action(body)
                : await shopify.Idempotency.GetOrRun(http.Request.Path + "|" + key, () => action(body));
            return Hosting.SimulatorJson.Bytes(bytes, status);
        }
    }

    private static HashSet<long>? Ids(string? csv) =>
        string.IsNullOrWhiteSpace(csv)
            ? null
            : [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => long.TryParse(s, CultureInfo.InvariantCulture, out var id) ? id : -1)];

    private static bool TryLong(JsonElement element, string name, out long value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property)
            && (property.ValueKind == JsonValueKind.Number
                ? property.TryGetInt64(out value)
                : property.ValueKind == JsonValueKind.String
                    && long.TryParse(property.GetString(), CultureInfo.InvariantCulture, out value));
    }

    private static IResult NotFound() => ShopifyJson.Error(StatusCodes.Status404NotFound, "Not Found");
}
