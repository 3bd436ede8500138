namespace Ledger.Simulators.InPost;

/// <summary>A ShipX shipment as <c>GET /v1/shipments/{id}</c> returns it.</summary>
public sealed record ShipXShipment
{
    public string Href => $"/v1/shipments/{Id}";

    public long Id { get; init; }

    public string Status { get; init; } = "created";

    /// <summary>null until the shipment is <c>confirmed</c>.</summary>
    public string? TrackingNumber { get; init; }

    public string Service { get; init; } = "";

    public string? Reference { get; init; }

    public bool IsReturn { get; init; }

    public string? ExternalCustomerId { get; init; }

    public string? Comments { get; init; }

    public ShipXCustomAttributes CustomAttributes { get; init; } = new();

    public ShipXPeer? Sender { get; init; }

    public ShipXPeer Receiver { get; init; } = new();

    public IReadOnlyList<ShipXParcel> Parcels { get; init; } = [];

    public ShipXMoney Cod { get; init; } = new(null, null);

    public ShipXMoney Insurance { get; init; } = new(null, null);

    public IReadOnlyList<string> AdditionalServices { get; init; } = [];

    public object? SelectedOffer { get; init; }

    public IReadOnlyList<object> Offers { get; init; } = [];

    public IReadOnlyList<object> Transactions { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The create body; the same peers, parcels and attributes as the shipment.</summary>
public sealed record ShipXShipmentRequest
{
    public string? Service { get; init; }

    public string? Reference { get; init; }

    public bool IsReturn { get; init; }

    public string? ExternalCustomerId { get; init; }

    public string? Comments { get; init; }

    public ShipXCustomAttributes? CustomAttributes { get; init; }

    public ShipXPeer? Sender { get; init; }

    public ShipXPeer? Receiver { get; init; }

    public IReadOnlyList<ShipXParcel>? Parcels { get; init; }

    public ShipXMoney? Cod { get; init; }

    public ShipXMoney? Insurance { get; init; }

    public IReadOnlyList<string>? AdditionalServices { get; init; }

    public bool OnlyChoiceOfOffer { get; init; }
}

public sealed record ShipXCustomAttributes
{
    public string? TargetPoint { get; init; }

    public string? SendingMethod { get; init; }

    public string? DropoffPoint { get; init; }
}

public sealed record ShipXPeer
{
    public string? Name { get; init; }

    public string? CompanyName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public ShipXAddress? Address { get; init; }
}

public sealed record ShipXAddress
{
    public string? Street { get; init; }

    public string? BuildingNumber { get; init; }

    public string? City { get; init; }

    public string? PostCode { get; init; }

    public string? CountryCode { get; init; }
}

public sealed record ShipXParcel
{
    public string? Id { get; init; }

    /// <summary><c>small</c>, <c>medium</c>, <c>large</c> (lockers) or <c>xlarge</c> (courier C2C).</summary>
    public string? Template { get; init; }

    public ShipXDimensions? Dimensions { get; init; }

    public ShipXWeight? Weight { get; init; }

    public string? TrackingNumber { get; init; }

    public bool IsNonStandard { get; init; }
}

public sealed record ShipXDimensions(double Length, double Width, double Height, string Unit = "mm");

public sealed record ShipXWeight(double Amount, string Unit = "kg");

public sealed record ShipXMoney(decimal? Amount, string? Currency);
