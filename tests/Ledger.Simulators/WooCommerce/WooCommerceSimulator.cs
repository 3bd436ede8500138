using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.WooCommerce;

/// <summary>
/// A WooCommerce site: REST v3 under <c>/woocommerce/wp-json/wc/v3</c> with Basic auth, signed webhooks
/// built at delivery time, and a C# API (mirrored under <c>/_control/woocommerce</c>).
/// </summary>
public sealed class WooCommerceSimulator : SimulatedSystem
{
    private readonly WooWebhookPublisher _publisher;

    public WooCommerceSimulator(SimulatorContext context)
        : base("woocommerce", context, WebhookRetryPolicy.None(context.Settings.WooCommerce.WebhookTimeout, maxSuccessStatus: 302))
    {
        Store = new WooStore(Options, Clock, Settings.LedgerUrl(Options.WebhookPath));
        _publisher = new WooWebhookPublisher(Webhooks, Store, Options);
        DuplicateUpdates = Options.DuplicateUpdates;
    }

    public WooCommerceOptions Options => Settings.WooCommerce;

    /// <summary>When true, every change queues <c>order.updated</c> twice (and creation adds one).</summary>
    public bool DuplicateUpdates { get; set; }

    public IReadOnlyList<WooOrder> Orders => Store.Orders;

    public IReadOnlyList<WooProduct> Products => Store.Products;

    /// <summary>Webhook subscriptions with status and consecutive failure count.</summary>
    public IReadOnlyList<WooWebhook> Subscriptions => Store.Webhooks;

    internal WooStore Store { get; }

    public WooOrder? GetOrder(int orderId) => Store.FindOrder(orderId);

    public IReadOnlyList<WooOrderNote> NotesOf(int orderId) => Store.NotesOf(orderId);

    public WooProduct? ProductBySku(string sku) => Store.FindBySkus([sku]) is [var first, ..] ? first : null;

    /// <summary>A checkout: <c>pending</c> (or <c>processing</c> when paid); sends <c>order.created</c>.</summary>
    public WooOrder PlaceOrder(WooOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = Store.PlaceOrder(request);
        _publisher.Queue("order.created", order.Id);
        if (DuplicateUpdates)
        {
            _publisher.Queue("order.updated", order.Id);
        }

        return order;
    }

    /// <summary>Payment completes: <c>processing</c>, stock reduced.</summary>
    public WooOrder PayOrder(int orderId, string? transactionId = null) =>
        Changed(Store.SetStatus(orderId, "processing", transactionId ?? "pi_" + Guid.NewGuid().ToString("N")[..24]));

    public WooOrder CancelOrder(int orderId) => Changed(Store.SetStatus(orderId, "cancelled"));

    /// <summary>Any status, e.g. <c>on-hold</c> or <c>completed</c>, with Woo's side effects.</summary>
    public WooOrder SetStatus(int orderId, string status) => Changed(Store.SetStatus(orderId, status));

    public WooOrder EditOrder(int orderId, WooOrderEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return Changed(Store.Edit(orderId, edit));
    }

    /// <summary>Creates the product when the SKU is new (a flat variation when <paramref name="parentId"/> is set).</summary>
    public WooProduct AddProduct(string sku, int stock, decimal price = 30m, string? name = null, int parentId = 0) =>
        Store.EnsureProduct(sku, price, name, stock, parentId);

    public WooProduct SetStock(string sku, int quantity)
    {
        var product = Store.EnsureProduct(sku);
        return ProductChanged(Store.UpdateProduct(product.Id, manageStock: true, quantity));
    }

    public WooWebhook AddWebhook(string topic, Uri? deliveryUrl = null) =>
        Store.AddWebhook(topic, (deliveryUrl ?? Settings.LedgerUrl(Options.WebhookPath)).ToString());

    /// <summary><c>active</c> (clears the failure count), <c>paused</c> or <c>disabled</c>.</summary>
    public WooWebhook SetWebhookStatus(int webhookId, string status) => Store.SetWebhookStatus(webhookId, status);

    /// <summary>Sends the save-time ping to the webhook's delivery URL.</summary>
    public void SendPing(int webhookId) => _publisher.Ping(webhookId);

    public override Task WriteRejectionAsync(HttpContext context, string? message) =>
        WooJson.Error(StatusCodes.Status400BadRequest, "woocommerce_rest_invalid_request", message ?? "Invalid request.")
            .ExecuteAsync(context);

    public override void Map(IEndpointRouteBuilder app)
    {
        WooWireApi.Map(app, this);
        WooControlApi.Map(app, this);
    }

    internal WooOrder Changed(WooOrder order)
    {
        _publisher.Queue("order.updated", order.Id);
        if (DuplicateUpdates)
        {
            _publisher.Queue("order.updated", order.Id);
        }

        return order;
    }

    internal WooProduct ProductChanged(WooProduct product)
    {
        _publisher.Queue("product.updated", product.Id);
        return product;
    }
}
