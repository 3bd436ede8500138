using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Simulators.WooCommerce;

/// <summary>The REST v3 endpoints Ledger uses, under <c>/woocommerce/wp-json/wc/v3</c>.</summary>
internal static class WooWireApi
{
    private const int MaxPerPage = 100;
    private const int MaxBatchItems = 100;
    private static readonly string[] Editable = ["PUT", "PATCH", "POST"];

    public static void Map(IEndpointRouteBuilder app, WooCommerceSimulator woo)
    {
        var api = app.MapGroup(woo.PathPrefix + "/wp-json/wc/v3")
            .AddEndpointFilter((context, next) => Authenticate(context, next, woo));

        api.MapGet("/orders/{id:int}", (int id) =>
            woo.GetOrder(id) is { } order ? WooJson.Result(order) : InvalidOrderId());
        api.MapGet("/orders", (HttpContext http) => ListOrders(http, woo));
        api.MapMethods("/orders/{id:int}", Editable, async (int id, HttpRequest request) =>
            UpdateOrder(id, await ReadJson(request), woo));
        api.MapGet("/orders/{id:int}/notes", (int id) =>
            woo.GetOrder(id) is null ? InvalidOrderId() : WooJson.Result(woo.NotesOf(id)));
        api.MapPost("/orders/{id:int}/notes", async (int id, HttpRequest request) =>
            AddNote(id, await ReadJson(request), woo));
        api.MapGet("/products", (HttpContext http) => ListProducts(http, woo));
        api.MapGet("/products/{id:int}", (int id) =>
            woo.Store.FindProduct(id) is { } product ? WooJson.Result(product) : InvalidProductId());
        api.MapMethods("/products/{id:int}", Editable, async (int id, HttpRequest request) =>
            UpdateProduct(id, await ReadJson(request), woo));
        api.MapMethods("/products/batch", Editable, async (HttpRequest request) =>
            BatchProducts(await ReadJson(request), woo));
        api.MapGet("/webhooks", () => WooJson.Result(woo.Subscriptions));
        api.MapGet("/webhooks/{id:int}", (int id) =>
            woo.Store.FindWebhook(id) is { } webhook
                ? WooJson.Result(webhook)
                : WooJson.Error(StatusCodes.Status404NotFound, "woocommerce_rest_webhook_invalid_id", "Invalid ID."));
    }

    private static async ValueTask<object?> Authenticate(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, WooCommerceSimulator woo)
    {
        var request = context.HttpContext.Request;
        string? key = request.Query["consumer_key"];
        string? secret = request.Query["consumer_secret"];
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                (key, secret) = colon < 0 ? (pair, "") : (pair[..colon], pair[(colon + 1)..]);
            }
            catch (FormatException)
            {
                key = null;
            }
        }

        if (key is null)
        {
            return WooJson.Error(StatusCodes.Status401Unauthorized, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        }

        if (key != woo.Options.ConsumerKey)
        {
            return WooJson.Error(StatusCodes.Status401Unauthorized, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }

        if (secret != woo.Options.ConsumerSecret)
        {
            return WooJson.Error(StatusCodes.Status401Unauthorized, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
        }

        return await next(context);
    }

    private static IResult ListOrders(HttpContext http, WooCommerceSimulator woo)
    {
        var query = http.Request.Query;
        if (!TryPaging(query, out var page, out var perPage, out var error))
        {
            return error!;
        }

        var statuses = (query["status"].FirstOrDefault() ?? "any").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses.FirstOrDefault(s => s != "any" && !WooStore.Statuses.Contains(s)) is { } bad)
        {
            return WooJson.InvalidParam("status", $"status[0] is not one of {string.Join(", ", WooStore.Statuses)}, and any. ({bad})");
        }

        var gmt = string.Equals(query["dates_are_gmt"], "true", StringComparison.OrdinalIgnoreCase) || query["dates_are_gmt"] == "1";
        DateTimeOffset? modifiedAfter, modifiedBefore, after, before;
        try
        {
            modifiedAfter = Date(query["modified_after"], gmt, woo);
            modifiedBefore = Date(query["modified_before"], gmt, woo);
            after = Date(query["after"], gmt, woo);
            before = Date(query["before"], gmt, woo);
        }
        catch (FormatException)
        {
            return WooJson.InvalidParam("modified_after", "Invalid date.");
        }

        IEnumerable<WooOrder> orders = woo.Orders.Where(o =>
            (statuses.Contains("any") ? o.Status is not ("trash" or "checkout-draft") : statuses.Contains(o.Status))
            && (modifiedAfter is null || o.ModifiedAt > modifiedAfter)
            && (modifiedBefore is null || o.ModifiedAt < modifiedBefore)
            && (after is null || o.CreatedAt > after)
            && (before is null || o.CreatedAt < before));
        var ascending = string.Equals(query["order"], "asc", StringComparison.OrdinalIgnoreCase);
        Func<WooOrder, object> key = query["orderby"].FirstOrDefault() switch
        {
            "id" => o => o.Id,
            "modified" => o => o.ModifiedAt,
            _ => o => o.CreatedAt,
        };
        var sorted = (ascending ? orders.OrderBy(key).ThenBy(o => o.Id) : orders.OrderByDescending(key).ThenByDescending(o => o.Id)).ToList();
        return Paged(http, sorted, page, perPage);
    }

    private static IResult UpdateOrder(int id, JsonObject? body, WooCommerceSimulator woo)
    {
        if (woo.GetOrder(id) is null)
        {
            return InvalidOrderId();
        }

        var status = Text(body?["status"]);
        if (status is not null && !WooStore.Statuses.Contains(status))
        {
            return WooJson.InvalidParam("status", $"status is not one of {string.Join(", ", WooStore.Statuses)}.");
        }

        var meta = body?["meta_data"] is JsonArray array
            ? array.OfType<JsonObject>()
                .Where(m => m["key"] is not null)
                .Select(m => (Text(m["key"]) ?? "", (object?)m["value"]?.DeepClone()))
                .ToList()
            : [];
        if (Text(body?["set_paid"]) is "true" or "1" && status is null)
        {
            status = "processing";
        }

        var order = woo.Store.Update(id, status, Text(body?["customer_note"]), meta);
        return WooJson.Result(woo.Changed(order));
    }

    private static IResult AddNote(int id, JsonObject? body, WooCommerceSimulator woo)
    {
        if (woo.GetOrder(id) is null)
        {
            return InvalidOrderId();
        }

        var note = Text(body?["note"]);
        if (string.IsNullOrEmpty(note))
        {
            return WooJson.Error(StatusCodes.Status400BadRequest, "rest_missing_callback_param", "Missing parameter(s): note",
                new JsonObject { ["params"] = new JsonArray("note") });
        }

        var customerNote = Text(body?["customer_note"]) is "true" or "1";
        return WooJson.Result(woo.Store.AddNote(id, note, customerNote, "ledger"), StatusCodes.Status201Created);
    }

    private static IResult ListProducts(HttpContext http, WooCommerceSimulator woo)
    {
        var query = http.Request.Query;
        if (!TryPaging(query, out var page, out var perPage, out var error))
        {
            return error!;
        }

        var skus = query["sku"].FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var products = skus is null ? woo.Products : woo.Store.FindBySkus(skus);
        return Paged(http, products.ToList(), page, perPage);
    }

    private static IResult UpdateProduct(int id, JsonObject? body, WooCommerceSimulator woo)
    {
        if (woo.Store.FindProduct(id) is null)
        {
            return InvalidProductId();
        }

        if (!TryStock(body, out var manage, out var quantity))
        {
            return WooJson.InvalidParam("stock_quantity", "stock_quantity is not of type integer.");
        }

        return WooJson.Result(woo.ProductChanged(woo.Store.UpdateProduct(id, manage, quantity)));
    }

    private static IResult BatchProducts(JsonObject? body, WooCommerceSimulator woo)
    {
        var create = body?["create"] as JsonArray ?? [];
        var update = body?["update"] as JsonArray ?? [];
        var delete = body?["delete"] as JsonArray ?? [];
        if (create.Count + update.Count + delete.Count > MaxBatchItems)
        {
            return WooJson.Error(StatusCodes.Status413RequestEntityTooLarge, "woocommerce_rest_request_entity_too_large",
                $"Unable to accept more than {MaxBatchItems} items for this request.");
        }

        var response = new JsonObject();
        if (create.Count > 0)
        {
            response["create"] = new JsonArray([.. create.Select(_ => ItemError(0, "woocommerce_rest_cannot_create", "The simulator does not create products.", 400))]);
        }

        var updated = new JsonArray();
        foreach (var item in update.OfType<JsonObject>())
        {
            var id = int.TryParse(Text(item["id"]), CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            if (woo.Store.FindProduct(id) is null)
            {
                updated.Add(ItemError(id, "woocommerce_rest_product_invalid_id", "Invalid ID.", 400));
            }
            else if (!TryStock(item, out var manage, out var quantity))
            {
                updated.Add(ItemError(id, "rest_invalid_param", "Invalid parameter(s): stock_quantity", 400));
            }
            else
            {
                var product = woo.ProductChanged(woo.Store.UpdateProduct(id, manage, quantity));
                updated.Add(JsonNode.Parse(WooJson.Serialize(product)));
            }
        }

        if (update.Count > 0)
        {
            response["update"] = updated;
        }

        if (delete.Count > 0)
        {
            response["delete"] = new JsonArray([.. delete.Select(d => ItemError(int.TryParse(Text(d), CultureInfo.InvariantCulture, out var gone) ? gone : 0, "woocommerce_rest_cannot_delete", "The simulator does not delete products.", 400))]);
        }

        return WooJson.Result(response);
    }

    private static JsonObject ItemError(int id, string code, string message, int status) => new()
    {
        ["id"] = id,
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["data"] = new JsonObject { ["status"] = status } },
    };

    private static bool TryStock(JsonObject? body, out bool? manage, out int? quantity)
    {
        manage = null;
        quantity = null;
        try
        {
            manage = body?["manage_stock"]?.GetValue<bool>();
            var node = body?["stock_quantity"];
            quantity = node is null ? null
                : node.GetValueKind() == JsonValueKind.String ? int.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)
                : node.GetValue<int>();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryPaging(IQueryCollection query, out int page, out int perPage, out IResult? error)
    {
        error = null;
        page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? pp : 10;
        if (perPage is < 1 or > MaxPerPage)
        {
            error = WooJson.InvalidParam("per_page", $"per_page must be between 1 (inclusive) and {MaxPerPage} (inclusive)");
            return false;
        }

        if (page < 1)
        {
            error = WooJson.InvalidParam("page", "page must be greater than or equal to 1");
            return false;
        }

        return true;
    }

    /// <summary>One page, with WordPress's <c>X-WP-Total</c>, <c>X-WP-TotalPages</c> and <c>Link</c> headers.</summary>
    private static IResult Paged<T>(HttpContext http, IReadOnlyList<T> items, int page, int perPage)
    {
        var totalPages = (items.Count + perPage - 1) / perPage;
        var headers = http.Response.Headers;
        headers["X-WP-Total"] = items.Count.ToString(CultureInfo.InvariantCulture);
        headers["X-WP-TotalPages"] = totalPages.ToString(CultureInfo.InvariantCulture);
        var request = http.Request;
        var others = string.Join("", request.Query.Where(q => q.Key != "page")
            .Select(q => "&" + Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString())));
        var self = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var links = new List<string>();
        if (page > 1 && page <= totalPages + 1)
        {
            links.Add($"<{self}?page={page - 1}{others}>; rel=\"prev\"");
        }

        if (page < totalPages)
        {
            links.Add($"<{self}?page={page + 1}{others}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            headers.Link = string.Join(", ", links);
        }

        return WooJson.Result(items.Skip((page - 1) * perPage).Take(perPage).ToList());
    }

    /// <summary>WordPress reads dates without an offset as site-local unless <c>dates_are_gmt</c> is set.</summary>
    private static DateTimeOffset? Date(string? value, bool gmt, WooCommerceSimulator woo)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var hasOffset = value.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(value, @"[+-]\d\d:?\d\d$");
        if (hasOffset)
        {
            return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
        }

        var local = DateTime.SpecifyKind(DateTime.Parse(value, CultureInfo.InvariantCulture), DateTimeKind.Unspecified);
        var zone = gmt ? TimeZoneInfo.Utc : woo.Store.SiteZone;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task<JsonObject?> ReadJson(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A scalar as text, whatever its JSON type (WordPress is lenient about types too).</summary>
    private static string? Text(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };

    private static IResult InvalidOrderId() =>
        WooJson.Error(StatusCodes.Status404NotFound, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");

    private static IResult InvalidProductId() =>
        WooJson.Error(StatusCodes.Status404NotFound, "woocommerce_rest_product_invalid_id", "Invalid ID.");
}
