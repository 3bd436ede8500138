using System.Globalization;

namespace Ledger.Simulators.Shopify;

/// <summary>
/// The shop's state: orders, their fulfillment orders and fulfilments, variants and stock. Records are
/// immutable, so snapshots handed out stay consistent; one lock serialises changes.
/// </summary>
internal sealed class ShopifyStore
{
    private const long ShopId = 60000000001;

    private readonly Lock _gate = new();
    private readonly ShopifyOptions _options;
    private readonly TimeProvider _clock;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<long, ShopifyOrder> _orders = [];
    private readonly Dictionary<long, List<ShopifyFulfillmentOrder>> _fulfillmentOrders = [];
    private readonly Dictionary<string, ShopifyVariant> _variantsBySku = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Item, long Location), ShopifyInventoryLevel> _levels = [];
    private readonly Dictionary<long, int> _fulfilledByLine = [];
    private long _nextId = 5_100_000_000_000;
    private int _nextOrderNumber = 1001;

    public ShopifyStore(ShopifyOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public IReadOnlyList<ShopifyLocation> Locations => _options.Locations;

    public IReadOnlyList<ShopifyOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders.Values.OrderBy(o => o.Id)];
            }
        }
    }

    public ShopifyOrder? FindOrder(long id)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<ShopifyFulfillmentOrder>? FulfillmentOrdersOf(long orderId)
    {
        lock (_gate)
        {
            return _fulfillmentOrders.TryGetValue(orderId, out var list) ? [.. list] : null;
        }
    }

    public ShopifyVariant? FindVariant(long variantId)
    {
        lock (_gate)
        {
            return _variantsBySku.Values.FirstOrDefault(v => v.Id == variantId);
        }
    }

    public ShopifyVariant? FindVariant(string sku)
    {
        lock (_gate)
        {
            return _variantsBySku.GetValueOrDefault(sku);
        }
    }

    public ShopifyVariant EnsureVariant(string sku, decimal price = 25m, string? title = null, int grams = 500)
    {
        lock (_gate)
        {
            return EnsureVariantLocked(sku, price, title, grams);
        }
    }

    public IReadOnlyList<ShopifyInventoryLevel> InventoryLevels(IReadOnlySet<long>? items, IReadOnlySet<long>? locations)
    {
        lock (_gate)
        {
            return [.. _levels.Values
                .Where(l => (items is null || items.Contains(l.InventoryItemId))
                    && (locations is null || locations.Contains(l.LocationId)))
                .OrderBy(l => l.InventoryItemId).ThenBy(l => l.LocationId)];
        }
    }

    public DateTimeOffset Now()
    {
        var now = TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _zone);
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    public ShopifyOrder PlaceOrder(ShopifyOrderRequest request, out IReadOnlyList<ShopifyInventoryLevel> stockChanges)
    {
        if (request.Lines.Count == 0 || request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0))
        {
            throw new ArgumentException("An order needs at least one line with a SKU and a positive quantity.", nameof(request));
        }

        lock (_gate)
        {
            var now = Now();
            var orderId = NextId();
            var lines = new List<ShopifyLineItem>();
            var byLocation = new Dictionary<long, List<(ShopifyLineItem Line, ShopifyVariant Variant)>>();
            var changes = new List<ShopifyInventoryLevel>();
            foreach (var line in request.Lines)
            {
                var variant = EnsureVariantLocked(line.Sku, line.Price, line.Title, line.Grams);
                var item = NewLineItem(variant, line.Quantity, line.Price, line.RequiresShipping);
                lines.Add(item);
                var location = line.LocationId ?? _options.Locations[0].Id;
                if (!byLocation.TryGetValue(location, out var group))
                {
                    byLocation[location] = group = [];
                }

                group.Add((item, variant));
                if (_levels.TryGetValue((variant.InventoryItemId, location), out var level))
                {
                    // Shopify commits stock when the order is placed.
                    var changed = level with { Available = level.Available - line.Quantity, UpdatedAt = now };
                    _levels[(variant.InventoryItemId, location)] = changed;
                    changes.Add(changed);
                }
            }

            var shipping = new ShopifyShippingLine
            {
                Id = NextId(),
                Title = request.ShippingTitle,
                Code = request.ShippingCode,
                Price = Money(request.ShippingPrice),
                CarrierIdentifier = request.CarrierIdentifier,
            };
            var order = Totals(new ShopifyOrder
            {
                Id = orderId,
                OrderNumber = _nextOrderNumber++,
                Email = request.Email,
                Phone = request.Phone,
                CreatedAt = now,
                UpdatedAt = now,
                ProcessedAt = now,
                FinancialStatus = request.Paid ? "paid" : "pending",
                Tags = request.Tags,
                Note = request.Note,
                Currency = request.Currency,
                LineItems = lines,
                ShippingAddress = request.ShippingAddress,
                BillingAddress = request.BillingAddress ?? request.ShippingAddress,
                ShippingLines = [shipping],
            });
            _orders[orderId] = order;
            _fulfillmentOrders[orderId] = [.. byLocation
                .Where(g => g.Value.Any(x => x.Line.RequiresShipping))
                .Select(g => NewFulfillmentOrder(order, g.Key, g.Value.Where(x => x.Line.RequiresShipping).ToList(), now))];
            stockChanges = changes;
            return order;
        }
    }

    public ShopifyOrder MarkPaid(long orderId)
    {
        lock (_gate)
        {
            var order = OrderLocked(orderId);
            if (order.CancelledAt is not null)
            {
                throw new InvalidOperationException($"Order {orderId} is cancelled.");
            }

            return _orders[orderId] = order with { FinancialStatus = "paid", UpdatedAt = Now() };
        }
    }

    public ShopifyOrder Cancel(long orderId, string reason)
    {
        lock (_gate)
        {
            var order = OrderLocked(orderId);
            if (order.CancelledAt is not null)
            {
                throw new InvalidOperationException($"Order {orderId} is already cancelled.");
            }

            if (order.FulfillmentStatus == "fulfilled")
            {
                throw new InvalidOperationException($"Order {orderId} is fulfilled and cannot be cancelled.");
            }

            var now = Now();
            _fulfillmentOrders[orderId] = [.. _fulfillmentOrders[orderId].Select(fo => fo.Status == "closed"
                ? fo
                : fo with { Status = "cancelled", UpdatedAt = now })];
            return _orders[orderId] = order with
            {
                CancelledAt = now,
                ClosedAt = now,
                CancelReason = reason,
                FinancialStatus = order.FinancialStatus == "paid" ? "refunded" : "voided",
                LineItems = [.. order.LineItems.Select(l => l with { FulfillableQuantity = 0 })],
                UpdatedAt = now,
            };
        }
    }

    public ShopifyOrder ChangeShippingAddress(long orderId, ShopifyAddress address)
    {
        lock (_gate)
        {
            var order = OrderLocked(orderId);
            var now = Now();
            _fulfillmentOrders[orderId] = [.. _fulfillmentOrders[orderId].Select(fo => fo with { Destination = address, UpdatedAt = now })];
            return _orders[orderId] = order with { ShippingAddress = address, UpdatedAt = now };
        }
    }

    public (ShopifyOrder Order, ShopifyOrderEdit Edit) Edit(long orderId, IReadOnlyList<ShopifyLineChange> changes)
    {
        lock (_gate)
        {
            var order = OrderLocked(orderId);
            if (!order.IsOpen)
            {
                throw new InvalidOperationException($"Order {orderId} is closed or cancelled and cannot be edited.");
            }

            var now = Now();
            var lines = order.LineItems.ToList();
            var additions = new List<ShopifyLineDelta>();
            var removals = new List<ShopifyLineDelta>();
            var fulfillmentOrders = _fulfillmentOrders[orderId];
            foreach (var change in changes)
            {
                var index = lines.FindIndex(l => l.Sku == change.Sku);
                if (index < 0)
                {
                    var variant = EnsureVariantLocked(change.Sku, change.Price, null, 500);
                    var added = NewLineItem(variant, change.Quantity, change.Price, requiresShipping: true);
                    lines.Add(added);
                    additions.Add(new ShopifyLineDelta(added.Id, change.Quantity));
                    AddToFulfillmentOrder(order, fulfillmentOrders, added, variant, now);
                    continue;
                }

                var line = lines[index];
                var fulfilled = _fulfilledByLine.GetValueOrDefault(line.Id);
                if (change.Quantity < fulfilled)
                {
                    throw new InvalidOperationException($"{change.Sku}: {fulfilled} already fulfilled.");
                }

                var delta = change.Quantity - line.CurrentQuantity;
                if (delta == 0)
                {
                    continue;
                }

                (delta > 0 ? additions : removals).Add(new ShopifyLineDelta(line.Id, Math.Abs(delta)));
                lines[index] = WithFulfilment(line with { CurrentQuantity = change.Quantity });
                ResizeFulfillmentOrderLine(fulfillmentOrders, line.Id, delta, now);
            }

            var edited = _orders[orderId] = Totals(WithOrderStatus(order with { LineItems = lines, UpdatedAt = now }));
            var edit = new ShopifyOrderEdit
            {
                Id = NextId(),
                CreatedAt = now,
                CommittedAt = now,
                OrderId = orderId,
                LineItems = new ShopifyOrderEditLines { Additions = additions, Removals = removals },
            };
            return (edited, edit);
        }
    }

    public ShopifyInventoryLevel SetInventory(long inventoryItemId, long locationId, int available)
    {
        lock (_gate)
        {
            if (_options.Locations.All(l => l.Id != locationId))
            {
                throw new KeyNotFoundException($"Location {locationId} not found.");
            }

            if (_variantsBySku.Values.All(v => v.InventoryItemId != inventoryItemId))
            {
                throw new KeyNotFoundException($"Inventory item {inventoryItemId} not found.");
            }

            var level = new ShopifyInventoryLevel
            {
                InventoryItemId = inventoryItemId,
                LocationId = locationId,
                Available = available,
                UpdatedAt = Now(),
            };
            _levels[(inventoryItemId, locationId)] = level;
            return level;
        }
    }

    /// <summary>Applies <c>POST /fulfillments.json</c>; errors come back as Shopify's status and body.</summary>
    public ShopifyFulfilmentOutcome CreateFulfillment(ShopifyFulfillmentRequest? request)
    {
        var groups = request?.LineItemsByFulfillmentOrder;
        if (groups is null || groups.Count == 0)
        {
            return ShopifyFulfilmentOutcome.RequiredParameterMissing();
        }

        lock (_gate)
        {
            var now = Now();
            var plan = new List<(ShopifyFulfillmentOrder Fo, Dictionary<long, int> Quantities)>();
            long? orderId = null;
            foreach (var group in groups)
            {
                var fo = _fulfillmentOrders.Values.SelectMany(l => l).FirstOrDefault(f => f.Id == group.FulfillmentOrderId);
                if (fo is null)
                {
                    return ShopifyFulfilmentOutcome.Failed(StatusCodes.Status404NotFound, "Not Found");
                }

                if (orderId is not null && orderId != fo.OrderId)
                {
                    return ShopifyFulfilmentOutcome.Unprocessable("All fulfillment orders must belong to the same order.");
                }

                orderId = fo.OrderId;
                if (!fo.AcceptsFulfilment)
                {
                    return ShopifyFulfilmentOutcome.Unprocessable($"Fulfillment order {fo.Id} has an unfulfillable status= {fo.Status}.");
                }

                var quantities = new Dictionary<long, int>();
                var requested = group.FulfillmentOrderLineItems
                    ?? [.. fo.LineItems.Where(l => l.FulfillableQuantity > 0).Select(l => new ShopifyFulfillmentOrderLineQuantity(l.Id, l.FulfillableQuantity))];
                foreach (var item in requested)
                {
                    // Order line-item ids are the classic mistake: they are not on the fulfillment order.
                    var line = fo.LineItems.FirstOrDefault(l => l.Id == item.Id);
                    if (line is null || item.Quantity <= 0)
                    {
                        return ShopifyFulfilmentOutcome.RequiredParameterMissing();
                    }

                    quantities[line.Id] = quantities.GetValueOrDefault(line.Id) + item.Quantity;
                    if (quantities[line.Id] > line.FulfillableQuantity)
                    {
                        return ShopifyFulfilmentOutcome.Unprocessable("Invalid fulfillment order line item quantity requested.");
                    }
                }

                if (quantities.Count == 0)
                {
                    return ShopifyFulfilmentOutcome.Unprocessable("Fulfillment order has no fulfillable line items.");
                }

                plan.Add((fo, quantities));
            }

            return Apply(orderId!.Value, plan, request!, now);
        }
    }

    private ShopifyFulfilmentOutcome Apply(
        long orderId, List<(ShopifyFulfillmentOrder Fo, Dictionary<long, int> Quantities)> plan, ShopifyFulfillmentRequest request, DateTimeOffset now)
    {
        var order = _orders[orderId];
        var perOrderLine = new Dictionary<long, int>();
        var fulfillmentOrders = _fulfillmentOrders[orderId];
        foreach (var (fo, quantities) in plan)
        {
            var items = fo.LineItems.Select(l => quantities.TryGetValue(l.Id, out var q)
                ? l with { FulfillableQuantity = l.FulfillableQuantity - q }
                : l).ToList();
            foreach (var (foLineId, quantity) in quantities)
            {
                var lineItemId = fo.LineItems.First(l => l.Id == foLineId).LineItemId;
                perOrderLine[lineItemId] = perOrderLine.GetValueOrDefault(lineItemId) + quantity;
            }

            var index = fulfillmentOrders.FindIndex(f => f.Id == fo.Id);
            fulfillmentOrders[index] = fo with
            {
                LineItems = items,
                Status = items.All(l => l.FulfillableQuantity == 0) ? "closed" : "in_progress",
                UpdatedAt = now,
            };
        }

        foreach (var (lineId, quantity) in perOrderLine)
        {
            _fulfilledByLine[lineId] = _fulfilledByLine.GetValueOrDefault(lineId) + quantity;
        }

        var lines = order.LineItems.Select(l => perOrderLine.ContainsKey(l.Id) ? WithFulfilment(l) : l).ToList();
        var tracking = request.TrackingInfo;
        var fulfillment = new ShopifyFulfillment
        {
            Id = NextId(),
            OrderId = orderId,
            Name = $"{order.Name}.{order.Fulfillments.Count + 1}",
            LocationId = plan[0].Fo.AssignedLocationId,
            CreatedAt = now,
            UpdatedAt = now,
            TrackingCompany = tracking?.Company,
            TrackingNumber = tracking?.Number,
            TrackingNumbers = tracking?.Number is { } number ? [number] : [],
            TrackingUrl = tracking?.Url,
            TrackingUrls = tracking?.Url is { } url ? [url] : [],
            LineItems = [.. lines.Where(l => perOrderLine.ContainsKey(l.Id)).Select(l => l with { Quantity = perOrderLine[l.Id] })],
        };
        var updated = _orders[orderId] = WithOrderStatus(order with
        {
            LineItems = lines,
            Fulfillments = [.. order.Fulfillments, fulfillment],
            UpdatedAt = now,
        });
        return ShopifyFulfilmentOutcome.Created(fulfillment, updated);
    }

    private ShopifyLineItem WithFulfilment(ShopifyLineItem line)
    {
        var fulfilled = _fulfilledByLine.GetValueOrDefault(line.Id);
        return line with
        {
            FulfillableQuantity = Math.Max(0, line.CurrentQuantity - fulfilled),
            FulfillmentStatus = fulfilled == 0 ? null : fulfilled >= line.CurrentQuantity ? "fulfilled" : "partial",
        };
    }

    private static ShopifyOrder WithOrderStatus(ShopifyOrder order)
    {
        var shippable = order.LineItems.Where(l => l.RequiresShipping && l.CurrentQuantity > 0).ToList();
        var status = shippable.All(l => l.FulfillmentStatus is null) ? null
            : shippable.All(l => l.FulfillmentStatus == "fulfilled") ? "fulfilled"
            : "partial";
        return order with { FulfillmentStatus = status };
    }

    private static ShopifyOrder Totals(ShopifyOrder order)
    {
        var subtotal = order.LineItems.Sum(l => decimal.Parse(l.Price, CultureInfo.InvariantCulture) * l.CurrentQuantity);
        var shipping = order.ShippingLines.Sum(s => decimal.Parse(s.Price, CultureInfo.InvariantCulture));
        return order with { SubtotalPrice = Money(subtotal), TotalPrice = Money(subtotal + shipping) };
    }

    private void AddToFulfillmentOrder(
        ShopifyOrder order, List<ShopifyFulfillmentOrder> fulfillmentOrders, ShopifyLineItem line, ShopifyVariant variant, DateTimeOffset now)
    {
        var index = fulfillmentOrders.FindIndex(f => f.AcceptsFulfilment);
        if (index < 0)
        {
            fulfillmentOrders.Add(NewFulfillmentOrder(order, _options.Locations[0].Id, [(line, variant)], now));
            return;
        }

        var fo = fulfillmentOrders[index];
        fulfillmentOrders[index] = fo with
        {
            LineItems = [.. fo.LineItems, NewFulfillmentOrderLine(fo.Id, line, variant)],
            UpdatedAt = now,
        };
    }

    private static void ResizeFulfillmentOrderLine(
        List<ShopifyFulfillmentOrder> fulfillmentOrders, long lineItemId, int delta, DateTimeOffset now)
    {
        for (var i = 0; i < fulfillmentOrders.Count; i++)
        {
            var fo = fulfillmentOrders[i];
            if (fo.LineItems.All(l => l.LineItemId != lineItemId))
            {
                continue;
            }

            var items = fo.LineItems.Select(l => l.LineItemId == lineItemId
                ? l with { Quantity = l.Quantity + delta, FulfillableQuantity = l.FulfillableQuantity + delta }
                : l).ToList();
            var status = items.All(l => l.FulfillableQuantity == 0) ? "closed" : fo.Status == "closed" ? "open" : fo.Status;
            fulfillmentOrders[i] = fo with { LineItems = items, Status = status, UpdatedAt = now };
            return;
        }
    }

    private ShopifyFulfillmentOrder NewFulfillmentOrder(
        ShopifyOrder order, long locationId, IReadOnlyList<(ShopifyLineItem Line, ShopifyVariant Variant)> lines, DateTimeOffset now)
    {
        var location = _options.Locations.FirstOrDefault(l => l.Id == locationId)
            ?? throw new KeyNotFoundException($"Location {locationId} not found.");
        var id = NextId();
        return new ShopifyFulfillmentOrder
        {
            Id = id,
            ShopId = ShopId,
            OrderId = order.Id,
            AssignedLocationId = locationId,
            Destination = order.ShippingAddress,
            LineItems = [.. lines.Select(x => NewFulfillmentOrderLine(id, x.Line, x.Variant))],
            FulfillAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            AssignedLocation = new ShopifyAssignedLocation
            {
                LocationId = location.Id,
                Name = location.Name,
                Address1 = location.Address1,
                City = location.City,
                Zip = location.Zip,
                CountryCode = location.CountryCode,
            },
        };
    }

    private ShopifyFulfillmentOrderLineItem NewFulfillmentOrderLine(long fulfillmentOrderId, ShopifyLineItem line, ShopifyVariant variant) => new()
    {
        Id = NextId(),
        ShopId = ShopId,
        FulfillmentOrderId = fulfillmentOrderId,
        Quantity = line.CurrentQuantity,
        LineItemId = line.Id,
        InventoryItemId = variant.InventoryItemId,
        FulfillableQuantity = line.CurrentQuantity,
        VariantId = variant.Id,
    };

    private ShopifyLineItem NewLineItem(ShopifyVariant variant, int quantity, decimal price, bool requiresShipping) => new()
    {
        Id = NextId(),
        VariantId = variant.Id,
        ProductId = variant.ProductId,
        Sku = variant.Sku,
        Title = variant.ProductTitle,
        Name = variant.ProductTitle,
        Quantity = quantity,
        CurrentQuantity = quantity,
        FulfillableQuantity = requiresShipping ? quantity : 0,
        RequiresShipping = requiresShipping,
        Grams = variant.Grams,
        Price = Money(price),
    };

    private ShopifyVariant EnsureVariantLocked(string sku, decimal price, string? title, int grams)
    {
        if (_variantsBySku.TryGetValue(sku, out var existing))
        {
            return existing;
        }

        var variant = new ShopifyVariant
        {
            Id = NextId(),
            ProductId = NextId(),
            ProductTitle = title ?? $"Product {sku}",
            Sku = sku,
            Price = Money(price),
            Grams = grams,
            InventoryItemId = NextId(),
        };
        _variantsBySku[sku] = variant;
        return variant;
    }

    private ShopifyOrder OrderLocked(long orderId) =>
        _orders.GetValueOrDefault(orderId) ?? throw new KeyNotFoundException($"Order {orderId} not found.");

    private long NextId() => _nextId += 1 + (_nextId % 7);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
