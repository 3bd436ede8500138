using System.Globalization;

namespace Ledger.Simulators.InPost;

/// <summary>Shipments and points; immutable records behind one lock.</summary>
internal sealed class ShipXStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<long, ShipXShipment> _shipments = [];
    private readonly Dictionary<string, ShipXPoint> _points = new(StringComparer.OrdinalIgnoreCase);
    private long _nextId = 40_000_001;

    public ShipXStore(InPostOptions options, TimeProvider clock)
    {
        _clock = clock;
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        foreach (var point in options.Points)
        {
            _points[point.Name] = point;
        }
    }

    public IReadOnlyList<ShipXShipment> Shipments => Locked(() => _shipments.Values.OrderBy(s => s.Id).ToList());

    public IReadOnlyList<ShipXPoint> Points => Locked(() => _points.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList());

    public ShipXShipment? Find(long id) => Locked(() => _shipments.GetValueOrDefault(id));

    public ShipXPoint? FindPoint(string name) => Locked(() => _points.GetValueOrDefault(name));

    public ShipXShipment Create(ShipXShipmentRequest request) => Locked(() =>
    {
        var now = Now();
        var id = _nextId++;
        var target = request.CustomAttributes?.TargetPoint;
        // A PUDO target point switches a standard locker shipment to the customer-service-point service.
        var service = request.Service == "inpost_locker_standard" && target?.StartsWith("POP-", StringComparison.OrdinalIgnoreCase) == true
            ? "inpost_locker_customer_service_point"
            : request.Service!;
        var shipment = new ShipXShipment
        {
            Id = id,
            Service = service,
            Reference = request.Reference,
            IsReturn = request.IsReturn,
            ExternalCustomerId = request.ExternalCustomerId,
            Comments = request.Comments,
            CustomAttributes = request.CustomAttributes ?? new ShipXCustomAttributes(),
            Sender = request.Sender,
            Receiver = request.Receiver!,
            Parcels = [.. request.Parcels!.Select((p, i) => p with { Id = p.Id ?? (i + 1).ToString(CultureInfo.InvariantCulture) })],
            Cod = request.Cod ?? new ShipXMoney(null, null),
            Insurance = request.Insurance ?? new ShipXMoney(null, null),
            AdditionalServices = request.AdditionalServices ?? [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        return _shipments[id] = shipment;
    });

    /// <summary>Assigns a tracking number; null when the shipment is no longer awaiting confirmation.</summary>
    public ShipXShipment? Confirm(long id) => Locked(() =>
    {
        var shipment = ShipmentLocked(id);
        if (shipment.Status is not (ShipXStatuses.Created or ShipXStatuses.OffersPrepared or "offer_selected"))
        {
            return null;
        }

        var tracking = "6" + (id * 7919).ToString("D14", CultureInfo.InvariantCulture) + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        return _shipments[id] = shipment with
        {
            Status = ShipXStatuses.Confirmed,
            TrackingNumber = tracking,
            Parcels = [.. shipment.Parcels.Select(p => p with { TrackingNumber = tracking })],
            UpdatedAt = Now(),
        };
    });

    public ShipXShipment SetStatus(long id, string status) => Locked(() =>
    {
        if (!ShipXStatuses.All.Contains(status))
        {
            throw new ArgumentException($"Unknown ShipX status '{status}'.", nameof(status));
        }

        var shipment = ShipmentLocked(id);
        if (shipment.TrackingNumber is null)
        {
            throw new InvalidOperationException($"Shipment {id} is {shipment.Status}; it has no tracking number yet.");
        }

        return _shipments[id] = shipment with { Status = status, UpdatedAt = Now() };
    });

    /// <summary>ShipX cancels only before confirmation; false when too late.</summary>
    public bool TryCancel(long id, out ShipXShipment? shipment)
    {
        lock (_gate)
        {
            shipment = _shipments.GetValueOrDefault(id);
            if (shipment?.Status is not (ShipXStatuses.Created or ShipXStatuses.OffersPrepared))
            {
                return false;
            }

            shipment = _shipments[id] = shipment with { Status = ShipXStatuses.Canceled, UpdatedAt = Now() };
            return true;
        }
    }

    public ShipXPoint SetPointStatus(string name, string status) => Locked(() =>
    {
        if (status is not (ShipXPoint.Operating or ShipXPoint.NonOperating or ShipXPoint.Disabled))
        {
            throw new ArgumentException($"Unknown point status '{status}'.", nameof(status));
        }

        var point = _points.GetValueOrDefault(name) ?? ShipXPoint.Locker(name, "London", "High Street", "N1 1AA", status);
        return _points[name] = point with { Status = status };
    });

    private DateTimeOffset Now() => TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _zone);

    private ShipXShipment ShipmentLocked(long id) =>
        _shipments.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"Shipment {id} not found.");

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }
}
