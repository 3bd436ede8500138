using System.Globalization;
using Ledger.Simulators.Hosting;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.InPost;

/// <summary>
/// InPost ShipX: shipments under <c>/inpost/v1</c> (Bearer token), asynchronous confirmation with a
/// tracking number, the Points API, unsigned webhooks, and a C# API (mirrored under <c>/_control/inpost</c>).
/// </summary>
public sealed class InPostSimulator : SimulatedSystem
{
    public InPostSimulator(SimulatorContext context)
        : base("inpost", context, WebhookRetryPolicy.Exponential(
            context.Settings.InPost.WebhookRetries,
            context.Settings.InPost.FirstRetryDelay,
            context.Settings.InPost.WebhookTimeout))
    {
        Store = new ShipXStore(Options, Clock);
        RateLimiter = new ShipXRateLimiter(Options.RequestsPerSecond, Clock);
    }

    public InPostOptions Options => Settings.InPost;

    public IReadOnlyList<ShipXShipment> Shipments => Store.Shipments;

    public IReadOnlyList<ShipXPoint> Points => Store.Points;

    internal ShipXStore Store { get; }

    internal ShipXRateLimiter RateLimiter { get; }

    public ShipXShipment? GetShipment(long shipmentId) => Store.Find(shipmentId);

    public IReadOnlyList<ShipXShipment> ShipmentsWithReference(string reference) =>
        [.. Store.Shipments.Where(s => s.Reference == reference)];

    public ShipXPoint? GetPoint(string name) => Store.FindPoint(name);

    /// <summary>Sets (or creates) a point with status <c>Operating</c>, <c>NonOperating</c> or <c>Disabled</c>.</summary>
    public ShipXPoint SetPointStatus(string name, string status) => Store.SetPointStatus(name, status);

    /// <summary>Confirms now instead of after the delay: <c>shipment_confirmed</c> then <c>shipment_status_changed</c>.</summary>
    public ShipXShipment ConfirmNow(long shipmentId)
    {
        var shipment = Store.Confirm(shipmentId)
            ?? throw new InvalidOperationException($"Shipment {shipmentId} is not awaiting confirmation.");
        PublishConfirmed(shipment);
        return shipment;
    }

    /// <summary>Moves a confirmed shipment to any ShipX status (e.g. <c>pickup_time_expired</c>): <c>shipment_status_changed</c>.</summary>
    public ShipXShipment AdvanceShipment(long shipmentId, string status)
    {
        var shipment = Store.SetStatus(shipmentId, status);
        Publish("shipment_status_changed", shipment);
        return shipment;
    }

    /// <summary>Moves a confirmed shipment one step along the happy path.</summary>
    public ShipXShipment AdvanceShipment(long shipmentId)
    {
        var current = GetShipment(shipmentId) ?? throw new KeyNotFoundException($"Shipment {shipmentId} not found.");
        return AdvanceShipment(shipmentId, ShipXStatuses.Next(current.Status));
    }

    public override Task WriteRejectionAsync(HttpContext context, string? message) =>
        ShipXJson.ValidationFailed(new Dictionary<string, object> { ["base"] = new List<string> { "invalid" } }, message)
            .ExecuteAsync(context);

    public override void Map(IEndpointRouteBuilder app)
    {
        ShipXWireApi.Map(app, this);
        ShipXControlApi.Map(app, this);
    }

    internal ShipXShipment Create(ShipXShipmentRequest request)
    {
        var shipment = Store.Create(request);
        Context.Schedule(Options.ConfirmationDelay, () =>
        {
            if (Store.Confirm(shipment.Id) is { } confirmed)
            {
                PublishConfirmed(confirmed);
            }
        }, Log);
        return shipment;
    }

    /// <summary><c>shipment_status_changed</c> follows once Ledger has had the first attempt of <c>shipment_confirmed</c>.</summary>
    private void PublishConfirmed(ShipXShipment shipment)
    {
        var followed = 0;
        Publish("shipment_confirmed", shipment, _ =>
        {
            if (Interlocked.Exchange(ref followed, 1) == 0)
            {
                Publish("shipment_status_changed", shipment);
            }
        });
    }

    private void Publish(string eventName, ShipXShipment shipment, Action<WebhookDelivery>? onAttempt = null)
    {
        var body = ShipXJson.Serialize(new
        {
            event_ts = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
            @event = eventName,
            organization_id = Options.OrganizationId,
            payload = new { shipment_id = shipment.Id, status = shipment.Status, tracking_number = shipment.TrackingNumber },
        });
        var url = Settings.LedgerUrl($"{Options.WebhookPath}?token={Uri.EscapeDataString(Options.WebhookToken)}");
        Webhooks.Send(WebhookMessage.Json(url, eventName, body, new Dictionary<string, string>()), onAttempt: onAttempt);
    }
}
