using System.Globalization;

namespace Ledger.Simulators.WooCommerce;

/// <summary>
/// The shop's state: orders, notes, products and webhook subscriptions. Records are immutable; one
/// lock serialises changes. Orders and products share one id sequence, as WordPress posts do.
/// </summary>
internal sealed class WooStore
{
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "trash", "checkout-draft",
    };

    private readonly Lock _gate = new();
    private readonly WooCommerceOptions _options;
    private readonly TimeProvider _clock;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<int, WooOrder> _orders = [];
    private readonly Dictionary<int, List<WooOrderNote>> _notes = [];
    private readonly Dictionary<int, WooProduct> _products = [];
    private readonly Dictionary<int, WooWebhook> _webhooks = [];
    private readonly HashSet<int> _stockReduced = [];
    private int _nextPostId = 100;
    private int _nextItemId = 1;
    private int _nextWebhookId = 1;

    public WooStore(WooCommerceOptions options, TimeProvider clock, Uri deliveryUrl)
    {
        _options = options;
        _clock = clock;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.SiteTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        AddWebhook("order.created", deliveryUrl.ToString());
        AddWebhook("order.updated", deliveryUrl.ToString());
    }

    public TimeZoneInfo SiteZone => _zone;

    public IReadOnlyList<WooOrder> Orders => Locked(() => _orders.Values.OrderBy(o => o.Id).ToList());

    public IReadOnlyList<WooProduct> Products => Locked(() => _products.Values.OrderBy(p => p.Id).ToList());

    public IReadOnlyList<WooWebhook> Webhooks => Locked(() => _webhooks.Values.OrderBy(w => w.Id).ToList());

    public WooOrder? FindOrder(int id) => Locked(() => _orders.GetValueOrDefault(id));

    public WooProduct? FindProduct(int id) => Locked(() => _products.GetValueOrDefault(id));

    public WooWebhook? FindWebhook(int id) => Locked(() => _webhooks.GetValueOrDefault(id));

    public IReadOnlyList<WooOrderNote> NotesOf(int orderId) =>
        Locked(() => _notes.TryGetValue(orderId, out var notes) ? notes.ToList() : []);

    public IReadOnlyList<WooProduct> FindBySkus(IReadOnlyCollection<string> skus) =>
        Locked(() => _products.Values.Where(p => skus.Contains(p.Sku)).OrderBy(p => p.Id).ToList());

    public WooProduct EnsureProduct(string sku, decimal price = 30m, string? name = null, int? stock = null, int parentId = 0) =>
        Locked(() => EnsureProductLocked(sku, price, name, stock, parentId));

    public WooOrder PlaceOrder(WooOrderRequest request)
    {
        if (request.Lines.Count == 0 || request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity <= 0))
        {
            throw new ArgumentException("An order needs at least one line with a SKU and a positive quantity.", nameof(request));
        }

        return Locked(() =>
        {
            var now = Now();
            var (local, gmt) = Stamp(now);
            var id = _nextPostId++;
            var lines = request.Lines.Select(l => NewLine(EnsureProductLocked(l.Sku, l.Price, l.Name, null, 0), l.Quantity)).ToList();
            var shipping = request.Shipping ?? request.Billing with { Email = null };
            var order = Totals(new WooOrder
            {
                Id = id,
                OrderKey = "wc_order_" + Guid.NewGuid().ToString("N")[..13],
                Status = "pending",
                DateCreated = local,
                DateCreatedGmt = gmt,
                DateModified = local,
                DateModifiedGmt = gmt,
                CreatedAt = now,
                ModifiedAt = now,
                CustomerNote = request.CustomerNote,
                Billing = request.Billing with { Email = request.Email },
                Shipping = shipping,
                LineItems = lines,
                ShippingLines =
                [
                    new WooShippingLine
                    {
                        Id = _nextItemId++,
                        MethodId = request.ShippingMethodId,
                        MethodTitle = request.ShippingMethodTitle,
                        InstanceId = "1",
                        Total = Money(request.ShippingTotal),
                    },
                ],
                MetaData = [.. request.Meta.Select(m => new WooMetaData(_nextItemId++, m.Key, m.Value))],
            });
            _orders[id] = order;
            if (request.Paid)
            {
                order = SetStatusLocked(id, "processing", "pi_" + Guid.NewGuid().ToString("N")[..24]);
            }

            return order;
        });
    }

    /// <summary>Changes status with Woo's side effects: paid date and stock reduction, completion date, stock restore.</summary>
    public WooOrder SetStatus(int orderId, string status, string? transactionId = null) =>
        Locked(() => SetStatusLocked(orderId, status, transactionId));

    public WooOrder Update(int orderId, string? status, string? customerNote, IReadOnlyList<(string Key, object? Value)> meta) =>
        Locked(() =>
        {
            var order = OrderLocked(orderId);
            if (customerNote is not null || meta.Count > 0)
            {
                var metaData = order.MetaData.ToList();
                foreach (var (key, value) in meta)
                {
                    var index = metaData.FindIndex(m => m.Key == key);
                    if (index >= 0)
                    {
                        metaData[index] = metaData[index] with { Value = value };
                    }
                    else
                    {
                        metaData.Add(new WooMetaData(_nextItemId++, key, value));
                    }
                }

                order = Touch(order with { CustomerNote = customerNote ?? order.CustomerNote, MetaData = metaData });
                _orders[orderId] = order;
            }

            return status is null || status == order.Status ? order : SetStatusLocked(orderId, status, null);
        });

    public WooOrder Edit(int orderId, WooOrderEdit edit) => Locked(() =>
    {
        var order = OrderLocked(orderId);
        var lines = order.LineItems.ToList();
        foreach (var change in edit.Lines)
        {
            var index = lines.FindIndex(l => l.Sku == change.Sku);
            if (index < 0 && change.Quantity > 0)
            {
                lines.Add(NewLine(EnsureProductLocked(change.Sku, change.Price, change.Name, null, 0), change.Quantity));
            }
            else if (index >= 0 && change.Quantity <= 0)
            {
                lines.RemoveAt(index);
            }
            else if (index >= 0)
            {
                var line = lines[index];
                lines[index] = line with
                {
                    Quantity = change.Quantity,
                    Subtotal = Money(line.Price * change.Quantity),
                    Total = Money(line.Price * change.Quantity),
                };
            }
        }

        return _orders[orderId] = Totals(Touch(order with
        {
            LineItems = lines,
            Shipping = edit.Shipping ?? order.Shipping,
            CustomerNote = edit.CustomerNote ?? order.CustomerNote,
        }));
    });

    public WooOrderNote AddNote(int orderId, string note, bool customerNote, string author) => Locked(() =>
    {
        OrderLocked(orderId);
        var (local, gmt) = Stamp(Now());
        var added = new WooOrderNote
        {
            Id = _nextItemId++,
            Author = author,
            DateCreated = local,
            DateCreatedGmt = gmt,
            Note = note,
            CustomerNote = customerNote,
            AddedByUser = true,
        };
        if (!_notes.TryGetValue(orderId, out var notes))
        {
            _notes[orderId] = notes = [];
        }

        notes.Add(added);
        return added;
    });

    /// <summary>Woo ignores <c>stock_quantity</c> unless the product manages stock.</summary>
    public WooProduct UpdateProduct(int productId, bool? manageStock, int? stockQuantity) => Locked(() =>
    {
        var product = _products.GetValueOrDefault(productId) ?? throw new KeyNotFoundException($"Product {productId} not found.");
        var manages = manageStock ?? product.ManageStock;
        var quantity = manages ? stockQuantity ?? product.StockQuantity : null;
        return _products[productId] = TouchProduct(product with
        {
            ManageStock = manages,
            StockQuantity = quantity,
            StockStatus = !manages || quantity > 0 ? "instock" : "outofstock",
        });
    });

    public WooWebhook AddWebhook(string topic, string deliveryUrl) => Locked(() =>
    {
        var (local, gmt) = Stamp(Now());
        var webhook = new WooWebhook
        {
            Id = _nextWebhookId++,
            Name = $"Ledger {topic}",
            Topic = topic,
            DeliveryUrl = deliveryUrl,
            DateCreated = local,
            DateCreatedGmt = gmt,
        };
        return _webhooks[webhook.Id] = webhook;
    });

    /// <summary>Setting a webhook active again clears its failure count, as saving it in WP admin does.</summary>
    public WooWebhook SetWebhookStatus(int webhookId, string status) => Locked(() =>
    {
        var webhook = _webhooks.GetValueOrDefault(webhookId) ?? throw new KeyNotFoundException($"Webhook {webhookId} not found.");
        return _webhooks[webhookId] = webhook with { Status = status, FailureCount = status == "active" ? 0 : webhook.FailureCount };
    });

    /// <summary>Counts consecutive failures; more than the limit disables the webhook.</summary>
    public WooWebhook RecordDelivery(int webhookId, bool succeeded) => Locked(() =>
    {
        var webhook = _webhooks[webhookId];
        var failures = succeeded ? 0 : webhook.FailureCount + 1;
        var status = failures > _options.MaxConsecutiveFailures ? "disabled" : webhook.Status;
        return _webhooks[webhookId] = webhook with { FailureCount = failures, Status = status };
    });

    public (string Local, string Gmt) Stamp(DateTimeOffset utc)
    {
        var local = TimeZoneInfo.ConvertTime(utc, _zone);
        return (local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
    }

    private WooOrder SetStatusLocked(int orderId, string status, string? transactionId)
    {
        if (!Statuses.Contains(status))
        {
            throw new ArgumentException($"Unknown status '{status}'.", nameof(status));
        }

        var order = OrderLocked(orderId);
        var (local, gmt) = Stamp(Now());
        var paid = status is "processing" or "completed" && order.DatePaid is null;
        if (paid && _stockReduced.Add(orderId))
        {
            AdjustStock(order, -1);
        }

        if (status is "cancelled" or "refunded" or "failed" && _stockReduced.Remove(orderId))
        {
            AdjustStock(order, +1);
        }

        return _orders[orderId] = Touch(order with
        {
            Status = status,
            DatePaid = paid ? local : order.DatePaid,
            DatePaidGmt = paid ? gmt : order.DatePaidGmt,
            TransactionId = transactionId ?? order.TransactionId,
            DateCompleted = status == "completed" ? local : order.DateCompleted,
            DateCompletedGmt = status == "completed" ? gmt : order.DateCompletedGmt,
        });
    }

    private void AdjustStock(WooOrder order, int sign)
    {
        foreach (var line in order.LineItems)
        {
            var id = line.VariationId != 0 ? line.VariationId : line.ProductId;
            if (_products.TryGetValue(id, out var product) && product is { ManageStock: true, StockQuantity: { } quantity })
            {
                var updated = quantity + (sign * line.Quantity);
                _products[id] = TouchProduct(product with { StockQuantity = updated, StockStatus = updated > 0 ? "instock" : "outofstock" });
            }
        }
    }

    private WooLineItem NewLine(WooProduct product, int quantity)
    {
        var price = decimal.Parse(product.Price, CultureInfo.InvariantCulture);
        return new WooLineItem
        {
            Id = _nextItemId++,
            Name = product.Name,
            ProductId = product.Type == "variation" ? product.ParentId : product.Id,
            VariationId = product.Type == "variation" ? product.Id : 0,
            Quantity = quantity,
            Subtotal = Money(price * quantity),
            Total = Money(price * quantity),
            Sku = product.Sku,
            Price = price,
        };
    }

    private WooProduct EnsureProductLocked(string sku, decimal price, string? name, int? stock, int parentId)
    {
        var existing = _products.Values.FirstOrDefault(p => p.Sku == sku);
        if (existing is not null)
        {
            return existing;
        }

        var (local, gmt) = Stamp(Now());
        var product = new WooProduct
        {
            Id = _nextPostId++,
            Name = name ?? $"Product {sku}",
            Slug = sku.ToLowerInvariant(),
            Type = parentId == 0 ? "simple" : "variation",
            ParentId = parentId,
            Sku = sku,
            Price = Money(price),
            RegularPrice = Money(price),
            ManageStock = true,
            StockQuantity = stock ?? 0,
            StockStatus = stock > 0 ? "instock" : "outofstock",
            DateCreated = local,
            DateCreatedGmt = gmt,
            DateModified = local,
            DateModifiedGmt = gmt,
        };
        return _products[product.Id] = product;
    }

    /// <summary>WordPress stores times to the second; <c>modified_after</c> compares at that precision.</summary>
    private DateTimeOffset Now()
    {
        var now = _clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private WooOrder Touch(WooOrder order)
    {
        var now = Now();
        var (local, gmt) = Stamp(now);
        return order with { DateModified = local, DateModifiedGmt = gmt, ModifiedAt = now };
    }

    private WooProduct TouchProduct(WooProduct product)
    {
        var (local, gmt) = Stamp(Now());
        return product with { DateModified = local, DateModifiedGmt = gmt };
    }

    private static WooOrder Totals(WooOrder order)
    {
        var items = order.LineItems.Sum(l => decimal.Parse(l.Total, CultureInfo.InvariantCulture));
        var shipping = order.ShippingLines.Sum(s => decimal.Parse(s.Total, CultureInfo.InvariantCulture));
        return order with { ShippingTotal = Money(shipping), Total = Money(items + shipping) };
    }

    private WooOrder OrderLocked(int orderId) =>
        _orders.GetValueOrDefault(orderId) ?? throw new KeyNotFoundException($"Order {orderId} not found.");

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
