namespace Ledger.Simulators.InPost;

/// <summary>Which rules ShipX applies to receivers and parcels.</summary>
public enum InPostMarket
{
    /// <summary>UK mobile numbers (07… or +447…), 15 kg per locker parcel.</summary>
    Uk,

    /// <summary>Polish numbers (9 digits, first 1–9, no +48), 25 kg per parcel.</summary>
    Poland,
}

public sealed record InPostOptions
{
    public string ApiToken { get; init; } = "inpost-dev-token";

    public int OrganizationId { get; init; } = 1234;

    /// <summary>Ledger's <c>token</c> query parameter on the webhook URL (ShipX signs nothing).</summary>
    public string WebhookToken { get; init; } = "inpost-dev-token";

    public string WebhookPath { get; init; } = "/webhooks/inpost";

    public InPostMarket Market { get; init; } = InPostMarket.Uk;

    /// <summary>Overrides the market's weight limit per parcel.</summary>
    public double? MaxWeightKg { get; init; }

    public double EffectiveMaxWeightKg => MaxWeightKg ?? (Market == InPostMarket.Uk ? 15 : 25);

    /// <summary>How long after creation a shipment becomes <c>confirmed</c> (real-world; scaled).</summary>
    public TimeSpan ConfirmationDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per second before 429 (ShipX publishes no limit); null = unlimited.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>ShipX documents no retry policy; the simulator retries a failed webhook 3 times.</summary>
    public int WebhookRetries { get; init; } = 3;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>ShipX writes <c>created_at</c> in Polish time.</summary>
    public string TimeZone { get; init; } = "Europe/Warsaw";

    public IReadOnlyList<ShipXPoint> Points { get; init; } =
    [
        ShipXPoint.Locker("KRA010", "Kraków", "Czerwone Maki", "30-392", ShipXPoint.Operating),
        ShipXPoint.Locker("WAW22A", "Warszawa", "Marszałkowska", "00-024", ShipXPoint.Operating),
        ShipXPoint.Locker("POP-WAW364", "Warszawa", "Puławska", "02-566", ShipXPoint.Operating, "pop"),
        ShipXPoint.Locker("LDN01M", "London", "Old Street", "EC1V 9HL", ShipXPoint.Operating),
        ShipXPoint.Locker("LDN02M", "London", "Camden High Street", "NW1 7JE", ShipXPoint.NonOperating),
        ShipXPoint.Locker("MAN01M", "Manchester", "Deansgate", "M3 4LQ", ShipXPoint.Disabled),
    ];
}
