namespace Ledger.Domain.Shared;

/// <summary>Who a parcel goes to, as the channel reported it. Personal data: erasable on request.</summary>
public sealed record Recipient(
    string? Name,
    string? Company,
    string? Email,
    string? Phone,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? Postcode,
    string? CountryCode);
