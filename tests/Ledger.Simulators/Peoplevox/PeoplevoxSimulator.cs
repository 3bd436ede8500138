using System.Text;
using System.Text.RegularExpressions;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;
using Microsoft.Extensions.Logging;

namespace Ledger.Simulators.Peoplevox;

/// <summary>One event as it was raised, with the values its placeholders resolve to.</summary>
public sealed record PeoplevoxEvent(string EventType, IReadOnlyDictionary<string, string> Values, DateTimeOffset RaisedAt);

/// <summary>
/// Peoplevox WMS: the SOAP integration service (see <c>PeoplevoxSimulator.Soap.cs</c>), its state (item
/// types, sales orders and lines, despatches, availability) and event callbacks to subscribed URL templates.
/// Callbacks are sent once, never retried (Peoplevox documents no retries).
/// </summary>
public sealed partial class PeoplevoxSimulator : SimulatedSystem
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PeoplevoxItemType> _itemTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PeoplevoxSalesOrder> _salesOrders = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<PeoplevoxDespatch> _despatches = [];
    private readonly Dictionary<string, PeoplevoxAvailability> _availability = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<int, PeoplevoxSubscription> _subscriptions = [];
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);
    private readonly List<PeoplevoxEvent> _events = [];
    private int _lastSubscriptionId;
    private int _lastDespatchNumber = 1000;
    private int _lastGoodsInId = 500;
    private int _lastReturnId = 700;

    public PeoplevoxSimulator(SimulatorContext context)
        : base("peoplevox", context, WebhookRetryPolicy.None(context?.Settings.Peoplevox.CallbackTimeout ?? TimeSpan.FromSeconds(30)))
    {
        foreach (var subscription in Options.Subscriptions)
        {
            Subscribe(subscription);
        }
    }

    public PeoplevoxOptions Options => Settings.Peoplevox;

    public IReadOnlyList<PeoplevoxItemType> ItemTypes => Locked(() => _itemTypes.Values.ToList());

    public IReadOnlyList<PeoplevoxSalesOrder> SalesOrders => Locked(() => _salesOrders.Values.ToList());

    public IReadOnlyList<PeoplevoxDespatch> Despatches => Locked(() => _despatches.ToList());

    public IReadOnlyList<PeoplevoxAvailability> Availability => Locked(() => _availability.Values.ToList());

    public IReadOnlyList<PeoplevoxSubscription> Subscriptions => Locked(() => _subscriptions.Values.ToList());

    /// <summary>Every event raised, whether or not a subscription matched or the callback was dropped.</summary>
    public IReadOnlyList<PeoplevoxEvent> Events => Locked(() => _events.ToList());

    public int ActiveSessions => Locked(() => _sessions.Count);

    public PeoplevoxSalesOrder? FindSalesOrder(string salesOrderNumber) =>
        Locked(() => _salesOrders.GetValueOrDefault(salesOrderNumber));

    public PeoplevoxAvailability? FindAvailability(string itemCode) =>
        Locked(() => _availability.GetValueOrDefault(itemCode));

    /// <summary>Forgets every session; Ledger's next call gets ResponseId -1 and must authenticate again.</summary>
    public void ExpireSessions() => Locked(() =>
    {
        _sessions.Clear();
        return 0;
    });

    /// <summary>Adds or replaces item types, as if imported through the <c>Item types</c> template.</summary>
    public void SeedItemTypes(params IEnumerable<PeoplevoxItemType> itemTypes)
    {
        ArgumentNullException.ThrowIfNull(itemTypes);
        lock (_gate)
        {
            foreach (var item in itemTypes)
            {
                if (string.IsNullOrWhiteSpace(item.ItemCode))
                {
                    throw new ArgumentException("An item type needs an ItemCode.", nameof(itemTypes));
                }

                _itemTypes[item.ItemCode] = item;
            }
        }
    }

    /// <summary>Sets what is available to sell (on hand = available + allocated); raises <c>AvailabilityChanges</c>.</summary>
    public PeoplevoxAvailability SetAvailability(string itemCode, int available)
    {
        lock (_gate)
        {
            RequireItemType(itemCode);
            var current = _availability.GetValueOrDefault(itemCode) ?? new PeoplevoxAvailability(itemCode, 0, 0, 0);
            var updated = current with { OnHand = available + current.Allocated };
            _availability[itemCode] = updated;

            // Always raised, even when the figure is unchanged, so a test's "set" always produces one callback.
            RaiseAvailability(updated);
            return updated;
        }
    }

    /// <summary>
    /// Moves a sales order on (Picking, Packed, Despatched, Cancelled) and raises <c>SalesOrderStatusChanges</c>.
    /// Despatched also creates a despatch of everything outstanding, with a tracking number, and raises
    /// <c>TrackingNumberReceived</c>. For a partial despatch use <see cref="PartDespatch"/>.
    /// </summary>
    public PeoplevoxSalesOrder AdvanceSalesOrder(
        string salesOrderNumber, PeoplevoxSalesOrderStatus status, PeoplevoxDespatchDetails? despatch = null)
    {
        if (status is PeoplevoxSalesOrderStatus.PartDespatched)
        {
            throw new ArgumentException("A part despatch needs its lines: use PartDespatch.", nameof(status));
        }

        lock (_gate)
        {
            var order = RequireSalesOrder(salesOrderNumber);
            RequireForward(order, status);
            if (status == PeoplevoxSalesOrderStatus.Despatched)
            {
                var outstanding = order.Lines.Where(l => l.QuantityOutstanding > 0)
                    .Select(l => new PeoplevoxDespatchLine(l.ItemCode, l.QuantityOutstanding)).ToList();
                return Despatch(order, outstanding, despatch).Order;
            }

            var updated = order with { Status = status, LastModificationTime = Clock.GetUtcNow() };
            _salesOrders[salesOrderNumber] = updated;
            RaiseStatusChange(updated);
            return updated;
        }
    }

    /// <summary>
    /// Despatches some lines (quantities by item code). The order becomes PartDespatched, or Despatched
    /// when nothing is left; raises <c>SalesOrderStatusChanges</c> (on a change) and <c>TrackingNumberReceived</c>.
    /// </summary>
    public PeoplevoxDespatch PartDespatch(
        string salesOrderNumber, IReadOnlyList<PeoplevoxDespatchLine> lines, PeoplevoxDespatchDetails? despatch = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            var order = RequireSalesOrder(salesOrderNumber);
            RequireForward(order, PeoplevoxSalesOrderStatus.PartDespatched);
            return Despatch(order, lines, despatch).Despatch;
        }
    }

    /// <summary>Books goods in: on hand rises; raises <c>GoodsReceived</c> then <c>AvailabilityChanges</c>.</summary>
    public PeoplevoxAvailability ReceiveGoods(string itemCode, int quantity, string reference)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        lock (_gate)
        {
            RequireItemType(itemCode);
            var goodsInId = ++_lastGoodsInId;
            var current = _availability.GetValueOrDefault(itemCode) ?? new PeoplevoxAvailability(itemCode, 0, 0, 0);
            var updated = current with { OnHand = current.OnHand + quantity };
            _availability[itemCode] = updated;
            var quantityText = PeoplevoxFormat.Number(quantity);
            Raise(PeoplevoxEventTypes.GoodsReceived, new Dictionary<string, string>
            {
                ["GoodsInId"] = PeoplevoxFormat.Number(goodsInId),
                ["Reference"] = reference,
                ["ReconciledDateTime"] = PeoplevoxFormat.Timestamp(Clock.GetUtcNow()),
                ["ItemCode"] = itemCode,
                ["Quantity"] = quantityText,
                ["Consignments.ConsignmentItemTypes.Quantity"] = quantityText,
                ["Consignments.ConsignmentItemTypes.ItemType.ItemCode"] = itemCode,
            });
            RaiseAvailability(updated);
            return updated;
        }
    }

    /// <summary>Books a customer return; raises <c>Returns</c> (and <c>AvailabilityChanges</c> when restocked).</summary>
    public void RecordReturn(string salesOrderNumber, string itemCode, int quantity, string reason, bool restock = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        lock (_gate)
        {
            var order = RequireSalesOrder(salesOrderNumber);
            RequireItemType(itemCode);
            Raise(PeoplevoxEventTypes.Returns, new Dictionary<string, string>
            {
                ["ReturnId"] = PeoplevoxFormat.Number(++_lastReturnId),
                ["SalesOrderNumber"] = order.SalesOrderNumber,
                ["SalesOrder.SalesOrderNumber"] = order.SalesOrderNumber,
                ["ItemCode"] = itemCode,
                ["ItemType.ItemCode"] = itemCode,
                ["Quantity"] = PeoplevoxFormat.Number(quantity),
                ["Reason"] = reason,
                ["ReturnDate"] = PeoplevoxFormat.Timestamp(Clock.GetUtcNow()),
            });
            if (restock)
            {
                var current = _availability.GetValueOrDefault(itemCode) ?? new PeoplevoxAvailability(itemCode, 0, 0, 0);
                var updated = current with { OnHand = current.OnHand + quantity };
                _availability[itemCode] = updated;
                RaiseAvailability(updated);
            }
        }
    }

    /// <summary>Registers a callback as SubscribeEvent (or SubscribePostEvent when PostParams is set) would.</summary>
    public PeoplevoxSubscription Subscribe(PeoplevoxSubscriptionOptions subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (!PeoplevoxEventTypes.All.Contains(subscription.EventType))
        {
            throw new ArgumentException($"Unknown event type '{subscription.EventType}'.", nameof(subscription));
        }

        PeoplevoxSearchClause.Parse(subscription.Filter);
        lock (_gate)
        {
            var eventType = PeoplevoxEventTypes.All.First(t => string.Equals(t, subscription.EventType, StringComparison.OrdinalIgnoreCase));
            var created = new PeoplevoxSubscription(
                ++_lastSubscriptionId, eventType, subscription.Url, subscription.Filter, subscription.PostParams,
                subscription.EncodeParameterData);
            _subscriptions[created.Id] = created;
            return created;
        }
    }

    public bool Unsubscribe(int subscriptionId) => Locked(() => _subscriptions.Remove(subscriptionId));

    public override Task WriteRejectionAsync(HttpContext context, string? message)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteRejectionCoreAsync(context, message);
    }

    public override void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(PathPrefix + "/{clientId}/resources/integrationservicev4.asmx", HandleSoapAsync);
        MapControl(app.MapGroup(ControlPrefix));
    }

    // Caller holds _gate.
    private (PeoplevoxSalesOrder Order, PeoplevoxDespatch Despatch) Despatch(
        PeoplevoxSalesOrder order, IReadOnlyList<PeoplevoxDespatchLine> lines, PeoplevoxDespatchDetails? details)
    {
        var remaining = order.Lines.ToList();
        foreach (var line in lines)
        {
            var index = remaining.FindIndex(l =>
                string.Equals(l.ItemCode, line.ItemCode, StringComparison.OrdinalIgnoreCase) && l.QuantityOutstanding >= line.Quantity);
            if (line.Quantity <= 0 || index < 0)
            {
                throw new InvalidOperationException(
                    $"Sales order {order.SalesOrderNumber} has no outstanding {line.Quantity} × {line.ItemCode}.");
            }

            remaining[index] = remaining[index] with { QuantityDespatched = remaining[index].QuantityDespatched + line.Quantity };
        }

        var now = Clock.GetUtcNow();
        var number = ++_lastDespatchNumber;
        var despatch = new PeoplevoxDespatch(
            PeoplevoxFormat.Number(number),
            order.SalesOrderNumber,
            details?.TrackingNumber ?? $"PVX{number:D9}GB",
            details?.Carrier ?? "Royal Mail",
            details?.Service ?? (order.Field("ServiceType") is { Length: > 0 } service ? service : "Tracked 48"),
            now,
            lines);
        _despatches.Add(despatch);

        var status = remaining.All(l => l.QuantityOutstanding == 0)
            ? PeoplevoxSalesOrderStatus.Despatched
            : PeoplevoxSalesOrderStatus.PartDespatched;
        var updated = order with { Lines = remaining, Status = status, LastModificationTime = now };
        _salesOrders[order.SalesOrderNumber] = updated;
        if (order.Status != status)
        {
            RaiseStatusChange(updated);
        }

        Raise(PeoplevoxEventTypes.TrackingNumberReceived, new Dictionary<string, string>
        {
            ["DespatchNumber"] = despatch.DespatchNumber,
            ["TrackingNumber"] = despatch.TrackingNumber,
            ["Carrier.Number"] = despatch.Carrier,
            ["Carrier.Name"] = despatch.Carrier,
            ["Carrier.Reference"] = despatch.Carrier,
            ["ServiceType.Name"] = despatch.Service,
            ["ServiceType.Code"] = despatch.Service,
            ["Picks.SalesOrder.SalesOrderNumber"] = order.SalesOrderNumber,
            ["Picks.SalesOrder.Email"] = order.Email,
            ["SalesOrderNumber"] = order.SalesOrderNumber,
            ["DespatchDate"] = PeoplevoxFormat.Timestamp(now),
        });
        return (updated, despatch);
    }

    // Caller holds _gate.
    private void RaiseStatusChange(PeoplevoxSalesOrder order)
    {
        var status = order.Status.ToString();
        Raise(PeoplevoxEventTypes.SalesOrderStatusChanges, new Dictionary<string, string>
        {
            ["SalesOrderNumber"] = order.SalesOrderNumber,
            // Spelt "SalesOrderStatu" in the placeholders integrators use; both spellings resolve.
            ["SalesOrderStatu.Name"] = status,
            ["SalesOrderStatus.Name"] = status,
            ["Status"] = status,
            ["LastModificationTime"] = PeoplevoxFormat.Timestamp(order.LastModificationTime),
            ["Email"] = order.Email,
            ["CustomerPurchaseOrderReferenceNumber"] = order.Field("CustomerPurchaseOrderReferenceNumber"),
        });
    }

    // Caller holds _gate.
    private void RaiseAvailability(PeoplevoxAvailability availability)
    {
        var item = _itemTypes.GetValueOrDefault(availability.ItemCode);
        Raise(PeoplevoxEventTypes.AvailabilityChanges, new Dictionary<string, string>
        {
            ["ItemCode"] = availability.ItemCode,
            ["ItemType.ItemCode"] = availability.ItemCode,
            ["Available"] = PeoplevoxFormat.Number(availability.Available),
            ["OnHand"] = PeoplevoxFormat.Number(availability.OnHand),
            ["Allocated"] = PeoplevoxFormat.Number(availability.Allocated),
            ["Barcode"] = item?.Barcode ?? "",
            ["Name"] = item?.Name ?? "",
        });
    }

    // Caller holds _gate.
    private void Raise(string eventType, Dictionary<string, string> values)
    {
        var raised = new PeoplevoxEvent(
            eventType, new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase), Clock.GetUtcNow());
        _events.Add(raised);
        foreach (var subscription in _subscriptions.Values.Where(s => s.EventType == eventType))
        {
            if (!PassesFilter(subscription, raised.Values))
            {
                continue;
            }

            var message = BuildCallback(subscription, raised);
            if (message is not null)
            {
                Webhooks.Send(message);
            }
        }
    }

    private bool PassesFilter(PeoplevoxSubscription subscription, IReadOnlyDictionary<string, string> values)
    {
        try
        {
            return PeoplevoxSearchClause.Parse(subscription.Filter)
                .Matches(name => values.TryGetValue(name, out var value) ? value : null);
        }
        catch (PeoplevoxSearchException ex)
        {
            Log.LogWarning("Peoplevox subscription {Id} filter failed: {Error}", subscription.Id, ex.Message);
            return false;
        }
    }

    private WebhookMessage? BuildCallback(PeoplevoxSubscription subscription, PeoplevoxEvent raised)
    {
        var encode = subscription.EncodeParameterData ?? true;
        var url = Substitute(subscription.Url, raised.Values, encode);
        // A URL without a scheme is relative to Ledger (on Unix "/x" would otherwise parse as a file URI).
        var absolute = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        if (!(absolute ? Uri.TryCreate(url, UriKind.Absolute, out var target) : Uri.TryCreate(Settings.LedgerBaseUrl, url, out target)))
        {
            Log.LogWarning("Peoplevox subscription {Id} produced an invalid URL {Url}", subscription.Id, url);
            return null;
        }

        var headers = new Dictionary<string, string>();
        if (!subscription.IsPost)
        {
            return new WebhookMessage(HttpMethod.Get, target, raised.EventType, ReadOnlyMemory<byte>.Empty, null, headers);
        }

        var body = Encoding.UTF8.GetBytes(Substitute(subscription.PostParams ?? "", raised.Values, encode));
        return new WebhookMessage(HttpMethod.Post, target, raised.EventType, body, "application/x-www-form-urlencoded", headers);
    }

    /// <summary>Replaces each <c>{Path}</c> with the event's value; unknown placeholders stay as written.</summary>
    private static string Substitute(string template, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(template, match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? encode ? Uri.EscapeDataString(value) : value
                : match.Value);

    [GeneratedRegex(@"\{([A-Za-z0-9_.]+)\}")]
    private static partial Regex Placeholder();

    // Caller holds _gate.
    private PeoplevoxSalesOrder RequireSalesOrder(string salesOrderNumber) =>
        _salesOrders.GetValueOrDefault(salesOrderNumber)
        ?? throw new KeyNotFoundException($"Sales order {salesOrderNumber} not found.");

    // Caller holds _gate.
    private void RequireItemType(string itemCode)
    {
        if (!_itemTypes.ContainsKey(itemCode))
        {
            throw new KeyNotFoundException($"Item type {itemCode} not found.");
        }
    }

    private static void RequireForward(PeoplevoxSalesOrder order, PeoplevoxSalesOrderStatus next)
    {
        var terminal = order.Status is PeoplevoxSalesOrderStatus.Despatched or PeoplevoxSalesOrderStatus.Cancelled;
        var allowed = next switch
        {
            PeoplevoxSalesOrderStatus.Cancelled => order.Status is not PeoplevoxSalesOrderStatus.PartDespatched && !terminal,
            PeoplevoxSalesOrderStatus.PartDespatched => !terminal,
            _ => !terminal && next > order.Status,
        };
        if (!allowed)
        {
            throw new InvalidOperationException(
                $"Sales order {order.SalesOrderNumber} cannot move from {order.Status} to {next}.");
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }
}
