using System.Globalization;
using System.Text.Json;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.Linnworks;

/// <summary>
/// Linnworks order management: application auth and 20-minute sessions, the <c>Server</c> switch to
/// <c>/linnworks-eu</c>, per-endpoint quotas, the open and processed order books, postal services and
/// stock levels. Linnworks sends no webhooks, so Ledger polls.
/// </summary>
public sealed class LinnworksSimulator : SimulatedSystem
{
    private const string SessionServerPrefix = "/linnworks-eu";
    private const string HttpGet = "GET";
    private const string HttpPost = "POST";

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LinnworksOrder> _orders = [];
    private readonly Dictionary<string, DateTimeOffset> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Sku, Guid Location), LinnworksStockLevel> _stock = [];
    private readonly List<LinnworksPostalService> _postalServices = [.. LinnworksPostalService.Defaults];
    private readonly Dictionary<string, (string Method, Func<HttpContext, JsonElement, IResult> Handle)> _endpoints;
    private readonly LinnworksRateLimiter _rateLimiter;
    private int _lastNumOrderId = 100000;

    public LinnworksSimulator(SimulatorContext context)
        : base("linnworks", context, WebhookRetryPolicy.None(TimeSpan.FromSeconds(30)))
    {
        _rateLimiter = new LinnworksRateLimiter(Clock, Settings.Scale(TimeSpan.FromMinutes(1)));
        _endpoints = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Orders/GetOpenOrders"] = (HttpPost, GetOpenOrdersLegacy),
            ["OpenOrders/GetOpenOrders"] = (HttpPost, GetOpenOrders),
            ["Orders/GetOrdersById"] = (HttpPost, GetOrdersById),
            ["Orders/GetOrderById"] = (HttpGet, GetOrderById),
            ["ProcessedOrders/SearchProcessedOrdersPaged"] = (HttpPost, SearchProcessedOrdersPaged),
            ["Orders/SetOrderShippingInfo"] = (HttpPost, SetOrderShippingInfo),
            ["Orders/ProcessOrder"] = (HttpPost, ProcessOrder),
            ["Orders/CancelOrder"] = (HttpPost, CancelOrder),
            ["Stock/SetStockLevel"] = (HttpPost, SetStockLevel),
            ["PostalServices/GetPostalServices"] = (HttpGet, GetPostalServices),
        };
    }

    public LinnworksOptions Options => Settings.Linnworks;

    public IReadOnlyList<LinnworksOrder> OpenOrders => Snapshot(o => o.IsOpen);

    /// <summary>The processed book: processed orders and cancelled ones (<see cref="LinnworksOrder.HoldOrCancel"/>).</summary>
    public IReadOnlyList<LinnworksOrder> ProcessedOrders => Snapshot(o => !o.IsOpen);

    public IReadOnlyList<LinnworksPostalService> PostalServices
    {
        get
        {
            lock (_gate)
            {
                return [.. _postalServices];
            }
        }
    }

    public IReadOnlyList<LinnworksStockLevel> StockLevels
    {
        get
        {
            lock (_gate)
            {
                return [.. _stock.Values.OrderBy(s => s.Sku, StringComparer.Ordinal)];
            }
        }
    }

    public int ActiveSessions
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    // Session calls go to {BaseUrl}/linnworks-eu, so that prefix is Linnworks' wire API too.
    public override bool OwnsPath(PathString path) =>
        base.OwnsPath(path) || path.StartsWithSegments(SessionServerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds an order to the open book, as a channel download would.</summary>
    public LinnworksOrder AddOpenOrder(LinnworksNewOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Items.Count == 0 || order.Items.Any(i => i.Quantity <= 0 || string.IsNullOrWhiteSpace(i.Sku)))
        {
            throw new ArgumentException("An order needs at least one item, each with a SKU and a positive quantity.", nameof(order));
        }

        var now = Clock.GetUtcNow();
        lock (_gate)
        {
            var id = order.OrderId ?? Guid.NewGuid();
            if (_orders.ContainsKey(id))
            {
                throw new InvalidOperationException($"Order {id} already exists.");
            }

            var service = FindPostalService(order.PostalServiceName);
            var created = new LinnworksOrder
            {
                OrderId = id,
                NumOrderId = ++_lastNumOrderId,
                ReferenceNum = order.ReferenceNum,
                SecondaryReference = order.SecondaryReference,
                ExternalReferenceNum = order.ExternalReferenceNum,
                Source = order.Source,
                SubSource = order.SubSource,
                Status = order.Paid ? LinnworksOrderStatus.Paid : LinnworksOrderStatus.Unpaid,
                ReceivedDate = now,
                PaidDateTime = order.Paid ? now : null,
                Address = order.Address,
                Items =
                [
                    .. order.Items.Select(i => new LinnworksOrderItem(
                        Guid.NewGuid(), LinnworksWire.StockItemId(i.Sku), i.Sku, i.ChannelSku ?? i.Sku, i.Title ?? i.Sku,
                        i.Quantity, i.PricePerUnit)),
                ],
                PostalServiceId = service?.Id ?? Guid.Empty,
                PostalServiceName = order.PostalServiceName,
                Vendor = service?.Vendor ?? "Default",
                PostageCost = order.PostageCost,
                Currency = order.Currency,
            };
            _orders[id] = created;
            return created;
        }
    }

    /// <summary>UNPAID → PAID (a payment arriving on the channel); already paid is a no-op.</summary>
    public LinnworksOrder MarkPaid(Guid orderId) => Update(orderId, o =>
    {
        RequireOpen(o);
        return o.Status == LinnworksOrderStatus.Paid
            ? o
            : o with { Status = LinnworksOrderStatus.Paid, PaidDateTime = Clock.GetUtcNow() };
    });

    /// <summary>Cancels an open order as a Linnworks user would; it leaves the open book.</summary>
    public LinnworksOrder Cancel(Guid orderId, string? note = null) => Update(orderId, o =>
    {
        RequireOpen(o);
        return o with { HoldOrCancel = true, CancelledDateTime = Clock.GetUtcNow(), CancelNote = note };
    });

    public LinnworksOrder? FindOrder(Guid orderId)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(orderId);
        }
    }

    public LinnworksOrder? FindByReference(string referenceNum)
    {
        lock (_gate)
        {
            return _orders.Values.FirstOrDefault(o => string.Equals(o.ReferenceNum, referenceNum, StringComparison.Ordinal));
        }
    }

    public void AddPostalService(LinnworksPostalService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            _postalServices.RemoveAll(s => s.Id == service.Id);
            _postalServices.Add(service);
        }
    }

    public int? StockLevel(string sku, Guid? locationId = null)
    {
        lock (_gate)
        {
            return _stock.TryGetValue((sku.ToUpperInvariant(), locationId ?? Guid.Empty), out var level) ? level.Level : null;
        }
    }

    /// <summary>Forgets every session token, as 20 idle minutes would; Ledger's next call gets 401.</summary>
    public void ExpireSessions()
    {
        lock (_gate)
        {
            _sessions.Clear();
        }
    }

    public void ResetRateLimits() => _rateLimiter.Reset();

    public override async Task WriteRejectionAsync(HttpContext context, string? message)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.Value?.EndsWith("/Orders/ProcessOrder", StringComparison.OrdinalIgnoreCase) == true)
        {
            // ProcessOrder fails in-band: HTTP 200 with Processed false.
            var orderId = Guid.Empty;
            try
            {
                orderId = (await ReadBodyAsync(context.Request)).ReadGuid("orderId") ?? Guid.Empty;
            }
            catch (JsonException)
            {
                // Unreadable body: still answer in ProcessOrder's shape.
            }

            await LinnworksWire.Ok(new { OrderId = orderId, Processed = false, Error = message ?? "Order could not be processed." })
                .ExecuteAsync(context);
            return;
        }

        await LinnworksWire.Error(StatusCodes.Status400BadRequest, message ?? "The request was rejected.").ExecuteAsync(context);
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(PathPrefix + "/api/Auth/AuthorizeByApplication", (Func<HttpContext, Task<IResult>>)AuthorizeByApplicationAsync);
        app.MapMethods(SessionServerPrefix + "/{**path}", [HttpGet, HttpPost], HandleSessionCallAsync);
        MapControl(app.MapGroup(ControlPrefix));
    }

    private async Task<IResult> AuthorizeByApplicationAsync(HttpContext http)
    {
        if (!IsJson(http.Request))
        {
            return LinnworksWire.Error(StatusCodes.Status400BadRequest, "The request body must be JSON.");
        }

        var body = await ReadBodyAsync(http.Request);
        if (body.ReadGuid("ApplicationId") != Options.ApplicationId
            || body.ReadString("ApplicationSecret") != Options.ApplicationSecret
            || body.ReadString("Token") != Options.Token)
        {
            return LinnworksWire.Error(StatusCodes.Status401Unauthorized, "Invalid application credentials or installation token.");
        }

        var token = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _sessions[token] = Clock.GetUtcNow();
        }

        var server = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{SessionServerPrefix}";
        var userId = Guid.Parse("22222222-2222-2222-2222-222222222222");
        return LinnworksWire.Ok(new
        {
            Token = token,
            Server = server,
            TTL = (int)Math.Ceiling(Settings.Scale(Options.SessionLifetime).TotalSeconds),
            Locality = "EU",
            Id = userId,
            UserId = userId,
            UserName = "ledger-demo",
            Email = "ledger-demo@example.com",
            UserType = "API",
            Status = new { State = "OK", Reason = "" },
        });
    }

    private async Task<IResult> HandleSessionCallAsync(HttpContext http, string? path)
    {
        // Only {Server}/api/{Controller}/{Method} exists; a missing /api/ segment is a 404, as on the real host.
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 3 || !string.Equals(segments[0], "api", StringComparison.OrdinalIgnoreCase)
            || !_endpoints.TryGetValue(segments[1] + "/" + segments[2], out var endpoint))
        {
            return Results.NotFound();
        }

        if (!string.Equals(http.Request.Method, endpoint.Method, StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }

        if (!TouchSession(http.Request.Headers.Authorization.ToString()))
        {
            return LinnworksWire.Error(StatusCodes.Status401Unauthorized, "Token is wrong.");
        }

        var key = segments[1] + "/" + segments[2];
        var limit = LinnworksRateLimiter.IsHighLimit(key) ? Options.HighRateLimitPerMinute : Options.DefaultRateLimitPerMinute;
        if (!_rateLimiter.TryAcquire(key, limit, out var retryAfter))
        {
            http.Response.Headers.RetryAfter =
                Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return LinnworksWire.Error(StatusCodes.Status429TooManyRequests, $"Too many requests to {key}: limit {limit} per minute.");
        }

        JsonElement body = default;
        if (endpoint.Method == HttpPost)
        {
            if (http.Request.ContentLength is > 0 && !IsJson(http.Request))
            {
                return LinnworksWire.Error(StatusCodes.Status400BadRequest, "The request body must be JSON.");
            }

            try
            {
                body = await ReadBodyAsync(http.Request);
            }
            catch (JsonException ex)
            {
                return LinnworksWire.Error(StatusCodes.Status400BadRequest, "Invalid JSON: " + ex.Message);
            }
        }

        return endpoint.Handle(http, body);
    }

    private bool TouchSession(string token)
    {
        var now = Clock.GetUtcNow();
        var lifetime = Settings.Scale(Options.SessionLifetime);
        lock (_gate)
        {
            if (token.Length == 0 || !_sessions.TryGetValue(token, out var lastUsed))
            {
                return false;
            }

            // A zero lifetime (TimeScale 0) means "no lapses", not "expire at once".
            if (lifetime > TimeSpan.Zero && now - lastUsed > lifetime)
            {
                _sessions.Remove(token);
                return false;
            }

            _sessions[token] = now;
            return true;
        }
    }

    private IResult GetOpenOrdersLegacy(HttpContext http, JsonElement body)
    {
        var open = OpenOrders.OrderBy(o => o.NumOrderId).Select(LinnworksWire.OpenOrder).ToList();
        return LinnworksWire.Ok(LinnworksWire.Paged(open, body.ReadInt("pageNumber") ?? 1, body.ReadInt("entriesPerPage") ?? 100));
    }

    private IResult GetOpenOrders(HttpContext http, JsonElement body)
    {
        var ids = GuidList(body, "OrderIds");
        var open = OpenOrders
            .Where(o => ids.Count == 0 || ids.Contains(o.OrderId))
            .OrderBy(o => o.NumOrderId)
            .Select(LinnworksWire.OpenOrder)
            .ToList();
        return LinnworksWire.Ok(LinnworksWire.Paged(open, body.ReadInt("PageNumber") ?? 1, body.ReadInt("EntriesPerPage") ?? 100));
    }

    private IResult GetOrdersById(HttpContext http, JsonElement body)
    {
        var ids = GuidList(body, "pkOrderIds");
        if (ids.Count == 0)
        {
            ids = GuidList(body, "orderIds");
        }

        var found = ids.Select(FindOrder).OfType<LinnworksOrder>().Select(LinnworksWire.OrderDetails).ToArray();
        return LinnworksWire.Ok(found);
    }

    private IResult GetOrderById(HttpContext http, JsonElement body)
    {
        var id = Guid.TryParse(http.Request.Query["pkOrderId"], out var parsed) ? parsed : Guid.Empty;
        return FindOrder(id) is { } order
            ? LinnworksWire.Ok(LinnworksWire.OrderDetails(order))
            : LinnworksWire.Error(StatusCodes.Status400BadRequest, $"Order {id} not found.");
    }

    private IResult SearchProcessedOrdersPaged(HttpContext http, JsonElement body)
    {
        // Older clients put the parameters in the query string; newer ones in the JSON body.
        string? Param(string name) => body.ReadString(name) ?? (string?)http.Request.Query[name];
        static DateTimeOffset? ParseDate(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : null;

        var from = ParseDate(Param("from"));
        var to = ParseDate(Param("to"));
        var dateType = (Param("dateType") ?? "ALLDATES").ToUpperInvariant();
        var searchField = Param("searchField") ?? "";
        var searchTerm = Param("searchTerm") ?? "";
        var exact = !string.Equals(Param("exactMatch"), "false", StringComparison.OrdinalIgnoreCase);
        var page = int.TryParse(Param("pageNum"), CultureInfo.InvariantCulture, out var p) ? p : 1;
        var perPage = int.TryParse(Param("numEntriesPerPage"), CultureInfo.InvariantCulture, out var n) ? n : 100;

        DateTimeOffset? DateOf(LinnworksOrder o) => dateType switch
        {
            "RECEIVED" or "1" => o.ReceivedDate,
            "PROCESSED" or "2" => o.ProcessedDateTime,
            "PAYMENTRECEIVED" or "3" => o.PaidDateTime,
            "CANCELLED" or "4" => o.CancelledDateTime,
            _ => null,
        };

        var filterByDate = dateType is not ("ALLDATES" or "0");
        var rows = ProcessedOrders
            .Where(o => !filterByDate
                || (DateOf(o) is { } d && (from is null || d >= from) && (to is null || d <= to)))
            .Where(o => searchTerm.Length == 0 || Matches(o, searchField, searchTerm, exact))
            .OrderBy(o => o.ProcessedDateTime ?? o.CancelledDateTime)
            .ThenBy(o => o.NumOrderId)
            .Select(LinnworksWire.ProcessedOrderWeb)
            .ToList();
        return LinnworksWire.Ok(LinnworksWire.Paged(rows, page, perPage));
    }

    private static bool Matches(LinnworksOrder o, string field, string term, bool exact)
    {
        bool Hit(string? value) => value is not null && (exact
            ? string.Equals(value, term, StringComparison.OrdinalIgnoreCase)
            : value.Contains(term, StringComparison.OrdinalIgnoreCase));

        return field.ToUpperInvariant() switch
        {
            "NORDERID" or "NUMORDERID" => Hit(o.NumOrderId.ToString(CultureInfo.InvariantCulture)),
            "PKORDERID" or "ORDERID" => Hit(o.OrderId.ToString()),
            "REFERENCENUM" => Hit(o.ReferenceNum),
            "SECONDARYREFERENCE" => Hit(o.SecondaryReference),
            "EXTERNALREFERENCE" or "EXTERNALREFERENCENUM" => Hit(o.ExternalReferenceNum),
            "POSTALTRACKINGNUMBER" or "TRACKINGNUMBER" => Hit(o.TrackingNumber),
            "SKU" => o.Items.Any(i => Hit(i.Sku)),
            "CEMAILADDRESS" => Hit(o.Address.EmailAddress),
            "CFULLNAME" => Hit(o.Address.FullName),
            "CPOSTCODE" => Hit(o.Address.PostCode),
            _ => Hit(o.NumOrderId.ToString(CultureInfo.InvariantCulture)) || Hit(o.OrderId.ToString())
                || Hit(o.ReferenceNum) || Hit(o.SecondaryReference) || Hit(o.ExternalReferenceNum) || Hit(o.TrackingNumber),
        };
    }

    private IResult SetOrderShippingInfo(HttpContext http, JsonElement body)
    {
        var orderId = body.ReadGuid("orderId");
        var info = body.ReadProperty("info");
        if (orderId is null || info is null)
        {
            return LinnworksWire.Error(StatusCodes.Status400BadRequest, "orderId and info are required.");
        }

        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId.Value, out var order) || !order.IsOpen)
            {
                return LinnworksWire.Error(StatusCodes.Status400BadRequest, $"Order {orderId} is not an open order.");
            }

            var updated = order;
            if (info.Value.ReadGuid("PostalServiceId") is { } serviceId && serviceId != Guid.Empty)
            {
                var service = _postalServices.FirstOrDefault(s => s.Id == serviceId);
                if (service is null)
                {
                    return LinnworksWire.Error(StatusCodes.Status400BadRequest, $"Postal service {serviceId} not found.");
                }

                updated = updated with { PostalServiceId = service.Id, PostalServiceName = service.Name, Vendor = service.Vendor };
            }

            updated = updated with
            {
                TrackingNumber = info.Value.ReadString("TrackingNumber") ?? updated.TrackingNumber,
                TotalWeight = info.Value.ReadDecimal("TotalWeight") ?? updated.TotalWeight,
                PostageCost = info.Value.ReadDecimal("PostageCost") ?? updated.PostageCost,
            };
            _orders[updated.OrderId] = updated;
            return LinnworksWire.Ok(new
            {
                TotalsInfo = LinnworksWire.TotalsInfo(updated),
                ShippingInfo = LinnworksWire.ShippingInfo(updated),
            });
        }
    }

    private IResult ProcessOrder(HttpContext http, JsonElement body)
    {
        var orderId = body.ReadGuid("orderId") ?? Guid.Empty;
        IResult Failed(string error) => LinnworksWire.Ok(new { OrderId = orderId, Processed = false, Error = error });

        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return Failed($"Order {orderId} not found.");
            }

            if (order.HoldOrCancel)
            {
                return Failed("Order is cancelled.");
            }

            if (order.Processed)
            {
                return Failed("Order is already processed.");
            }

            if (order.Status == LinnworksOrderStatus.Unpaid)
            {
                return Failed("Order is unpaid and cannot be processed.");
            }

            var service = _postalServices.FirstOrDefault(s => s.Id == order.PostalServiceId);
            if (service is { TrackingNumberRequired: true } && string.IsNullOrWhiteSpace(order.TrackingNumber))
            {
                return Failed($"Tracking number is required for postal service '{service.Name}'.");
            }

            _orders[orderId] = order with { Processed = true, ProcessedDateTime = Clock.GetUtcNow() };
            return LinnworksWire.Ok(new { OrderId = orderId, Processed = true, Error = (string?)null });
        }
    }

    private IResult CancelOrder(HttpContext http, JsonElement body)
    {
        var orderId = body.ReadGuid("orderId") ?? Guid.Empty;
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return LinnworksWire.Error(StatusCodes.Status400BadRequest, $"Order {orderId} not found.");
            }

            if (order.Processed)
            {
                return LinnworksWire.Error(StatusCodes.Status400BadRequest, "A processed order cannot be cancelled.");
            }

            if (!order.HoldOrCancel)
            {
                _orders[orderId] = order with
                {
                    HoldOrCancel = true,
                    CancelledDateTime = Clock.GetUtcNow(),
                    CancelNote = body.ReadString("note"),
                };
            }
        }

        return Results.NoContent();
    }

    private IResult SetStockLevel(HttpContext http, JsonElement body)
    {
        if (body.ReadProperty("stockLevels") is not { ValueKind: JsonValueKind.Array } levels)
        {
            return LinnworksWire.Error(StatusCodes.Status400BadRequest, "stockLevels is required.");
        }

        var now = Clock.GetUtcNow();
        var result = new List<object>();
        lock (_gate)
        {
            foreach (var entry in levels.EnumerateArray())
            {
                var sku = entry.ReadString("SKU");
                var level = entry.ReadInt("Level");
                if (string.IsNullOrWhiteSpace(sku) || level is null)
                {
                    return LinnworksWire.Error(StatusCodes.Status400BadRequest, "Each stock level needs SKU and Level.");
                }

                var stored = new LinnworksStockLevel(sku, entry.ReadGuid("LocationId") ?? Guid.Empty, level.Value, now);
                _stock[(sku.ToUpperInvariant(), stored.LocationId)] = stored;
                result.Add(LinnworksWire.StockItemLevel(stored, InOrders(sku)));
            }
        }

        return LinnworksWire.Ok(result);
    }

    private IResult GetPostalServices(HttpContext http, JsonElement body) =>
        LinnworksWire.Ok(PostalServices.Select(LinnworksWire.PostalService).ToArray());

    // Caller holds _gate.
    private int InOrders(string sku) => _orders.Values
        .Where(o => o.IsOpen)
        .SelectMany(o => o.Items)
        .Where(i => string.Equals(i.Sku, sku, StringComparison.OrdinalIgnoreCase))
        .Sum(i => i.Quantity);

    private void MapControl(RouteGroupBuilder control)
    {
        control.MapPost("/orders", (LinnworksNewOrder order) => Control(() =>
        {
            var created = AddOpenOrder(order);
            return Results.Json(created, LinnworksWire.Control, statusCode: StatusCodes.Status201Created);
        }));
        control.MapGet("/orders", () => ControlOk(OpenOrders));
        control.MapGet("/orders/processed", () => ControlOk(ProcessedOrders));
        control.MapGet("/orders/{orderId:guid}", (Guid orderId) =>
            FindOrder(orderId) is { } order ? ControlOk(order) : Results.NotFound());
        control.MapPost("/orders/{orderId:guid}/paid", (Guid orderId) => Control(() => ControlOk(MarkPaid(orderId))));
        control.MapPost("/orders/{orderId:guid}/cancel", (Guid orderId, string? note) =>
            Control(() => ControlOk(Cancel(orderId, note))));
        control.MapPost("/sessions/expire", () =>
        {
            ExpireSessions();
            return Results.NoContent();
        });
        control.MapPost("/rate-limits/reset", () =>
        {
            ResetRateLimits();
            return Results.NoContent();
        });
        control.MapGet("/stock", () => ControlOk(StockLevels));
        control.MapGet("/postal-services", () => ControlOk(PostalServices));
        control.MapPost("/postal-services", (LinnworksPostalService service) =>
        {
            AddPostalService(service);
            return ControlOk(PostalServices);
        });
    }

    private static IResult ControlOk(object value) => Results.Json(value, LinnworksWire.Control);

    private static IResult Control(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.NotFound(new { error = ex.Message });
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
        catch (InvalidOperationException ex)
        {
            return Results.Conflict(new { error = ex.Message });
        }
    }

    private LinnworksOrder Update(Guid orderId, Func<LinnworksOrder, LinnworksOrder> change)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                throw new KeyNotFoundException($"Order {orderId} not found.");
            }

            var updated = change(order);
            _orders[orderId] = updated;
            return updated;
        }
    }

    private static void RequireOpen(LinnworksOrder order)
    {
        if (!order.IsOpen)
        {
            throw new InvalidOperationException($"Order {order.OrderId} is no longer open.");
        }
    }

    private IReadOnlyList<LinnworksOrder> Snapshot(Func<LinnworksOrder, bool> filter)
    {
        lock (_gate)
        {
            return [.. _orders.Values.Where(filter).OrderBy(o => o.NumOrderId)];
        }
    }

    // Caller holds _gate, or the list is only read.
    private LinnworksPostalService? FindPostalService(string name) =>
        _postalServices.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static List<Guid> GuidList(JsonElement body, string name) =>
        body.ReadProperty(name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Select(e => Guid.TryParse(e.GetString(), out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty)]
            : [];

    private static bool IsJson(HttpRequest request) =>
        request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    private static async Task<JsonElement> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
