using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Simulators.Acs;

/// <summary>Order statuses of the project-defined ACS order-status message (names are the wire values).</summary>
public enum AcsOrderStatus
{
    Received,
    Picking,
    Packed,
    PartDespatched,
    Despatched,
    Cancelled,
    Rejected,
}

/// <summary>Returns grades; BER is beyond economic repair.</summary>
public enum AcsGrade
{
    A,
    B,
    C,
    BER,
}

/// <summary>Per-tag location values in the stock file. ACS publishes none; most are from the contract.</summary>
public static class AcsLocationStatuses
{
    public const string ReadyForCustomer = "In warehouse – ready for customer";
    public const string Processing = "In warehouse processing";
    public const string InRefurbishment = "In-Refurbishment";
    public const string PostRentalInspection = "Post-Rental Inspection";
    public const string ExHired = "Ex-hired";
    public const string BeyondEconomicRepair = "Beyond Economic Repair";
    public const string ReceiptedAwaitingQa = "Receipted – awaiting QA";

    /// <summary>A despatched garment, with the customer (project-defined; not in the contract's list).</summary>
    public const string OutOnHire = "Out on hire";
}

public sealed record AcsAddress(
    string Name,
    string Email,
    string Phone,
    string Line1,
    string? Line2,
    string City,
    string Postcode,
    string Country);

public sealed record AcsLine(string Sku, int Quantity);

/// <summary>An order as Ledger submits it (<c>POST /acs/api/orders</c>).</summary>
public sealed record AcsOrderSubmission(
    string OrderNumber,
    string Channel,
    string CarrierService,
    string? LockerId,
    bool B2b,
    AcsAddress ShipTo,
    IReadOnlyList<AcsLine> Lines);

/// <summary>An order as ACS holds it; also the body of <c>GET /acs/api/orders/{orderNumber}</c> and of 409s.</summary>
public sealed record AcsOrder(
    string OrderNumber,
    AcsOrderStatus Status,
    string? Reason,
    string Channel,
    string CarrierService,
    string? LockerId,
    bool B2b,
    AcsAddress ShipTo,
    IReadOnlyList<AcsLine> Lines,
    IReadOnlyList<AcsLine> DespatchedLines,
    string? TrackingNumber,
    string? Carrier,
    IReadOnlyList<string> TagIds,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore]
    public bool PickingStarted => Status is not (AcsOrderStatus.Received or AcsOrderStatus.Cancelled);
}

/// <summary>One garment, identified by its RFID tag.</summary>
public sealed record AcsTag(string TagId, string Sku, string LocationStatus, DateTimeOffset LastUpdated, string? OrderNumber = null);

/// <summary>The order-status message ACS posts to <c>/webhooks/acs/orderstatus</c>.</summary>
public sealed record AcsOrderStatusMessage(
    string MessageId,
    string OrderNumber,
    string Status,
    string? Reason,
    IReadOnlyList<AcsLine> Lines,
    string? TrackingNumber,
    string? Carrier,
    DateTime OccurredAt);

/// <summary>The returns-grading message ACS posts to <c>/webhooks/acs/returns</c>.</summary>
public sealed record AcsReturnGradingMessage(
    string MessageId,
    string TagId,
    string Sku,
    string? OrderNumber,
    string Grade,
    string? Notes,
    DateTime OccurredAt);

/// <summary>A message ACS sent (order status, returns grading or stock file), kept so it can be resent byte for byte.</summary>
public sealed record AcsSentMessage(string MessageId, string Kind, Uri Url, string ContentType, string Body, DateTimeOffset SentAt);

/// <summary>A published stock file: POSTed to Ledger (<see cref="MessageId"/>) or dropped in a folder (<see cref="FilePath"/>).</summary>
public sealed record AcsStockFile(string FileName, string Csv, int Rows, string? MessageId, string? FilePath);

internal static class AcsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
