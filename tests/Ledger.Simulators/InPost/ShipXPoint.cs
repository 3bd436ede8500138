using System.Text.Json.Serialization;

namespace Ledger.Simulators.InPost;

/// <summary>A locker or pick-up point as the Points API returns it.</summary>
public sealed record ShipXPoint
{
    public const string Operating = "Operating";
    public const string NonOperating = "NonOperating";
    public const string Disabled = "Disabled";

    public string Href => $"/v1/points/{Name}";

    public string Name { get; init; } = "";

    public IReadOnlyList<string> Type { get; init; } = ["parcel_locker"];

    /// <summary><c>Operating</c>, <c>NonOperating</c> or <c>Disabled</c>.</summary>
    public string Status { get; init; } = Operating;

    public ShipXLocation Location { get; init; } = new(0, 0);

    public string LocationDescription { get; init; } = "";

    public string OpeningHours { get; init; } = "24/7";

    public ShipXPointAddress Address { get; init; } = new("", "");

    public ShipXPointAddressDetails AddressDetails { get; init; } = new();

    public IReadOnlyList<string> Functions { get; init; } = ["parcel", "parcel_collect", "parcel_send"];

    public int PartnerId { get; init; }

    public bool IsNext { get; init; }

    public bool PaymentAvailable { get; init; } = true;

    [JsonPropertyName("location_247")]
    public bool Location247 { get; init; } = true;

    public bool EasyAccessZone { get; init; }

    public static ShipXPoint Locker(string name, string city, string street, string postCode, string status, string type = "parcel_locker") => new()
    {
        Name = name,
        Type = [type],
        Status = status,
        LocationDescription = $"{street}, next to the shop",
        Address = new ShipXPointAddress($"{street} 1", $"{postCode} {city}"),
        AddressDetails = new ShipXPointAddressDetails { City = city, Street = street, BuildingNumber = "1", PostCode = postCode },
    };
}

public sealed record ShipXLocation(double Latitude, double Longitude);

public sealed record ShipXPointAddress(string Line1, string Line2);

public sealed record ShipXPointAddressDetails
{
    public string City { get; init; } = "";

    public string Province { get; init; } = "";

    public string PostCode { get; init; } = "";

    public string Street { get; init; } = "";

    public string BuildingNumber { get; init; } = "";

    public string? FlatNumber { get; init; }
}
