using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Simulators.Linnworks;

/// <summary>Linnworks' JSON shapes: PascalCase, nulls kept, UTC dates.</summary>
internal static class LinnworksWire
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Control routes: the host's camelCase, with enums as names.</summary>
    public static readonly JsonSerializerOptions Control = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok(object value) => Results.Json(value, Json);

    /// <summary>Linnworks' error body, e.g. <c>{"Code":"-","Message":"Token is wrong."}</c>.</summary>
    public static IResult Error(int status, string message, string code = "-") =>
        Results.Json(new { Code = code, Message = message }, Json, statusCode: status);

    /// <summary>Stable per SKU, so the same SKU has the same StockItemId in every response.</summary>
    public static Guid StockItemId(string sku) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("linnworks-stock-item:" + sku.ToUpperInvariant())).AsSpan(0, 16));

    public static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;

    public static object OpenOrder(LinnworksOrder o) => new
    {
        o.OrderId,
        o.NumOrderId,
        GeneralInfo = GeneralInfo(o),
        ShippingInfo = ShippingInfo(o),
        CustomerInfo = CustomerInfo(o),
        TotalsInfo = TotalsInfo(o),
        FolderName = Array.Empty<string>(),
        IsPostFilteredOut = false,
        CanFulfil = true,
        Fulfillment = new { FulfillmentState = "None", PurchaseOrderState = "None" },
        HasItems = o.Items.Count > 0,
        TotalItemsSum = o.Items.Sum(i => i.Quantity),
        Items = o.Items.Select(i => Item(o, i)).ToArray(),
    };

    public static object OrderDetails(LinnworksOrder o) => new
    {
        o.OrderId,
        o.NumOrderId,
        o.Processed,
        ProcessedDateTime = o.ProcessedDateTime is { } p ? Utc(p) : (DateTime?)null,
        FulfilmentLocationId = Guid.Empty,
        GeneralInfo = GeneralInfo(o),
        ShippingInfo = ShippingInfo(o),
        CustomerInfo = CustomerInfo(o),
        TotalsInfo = TotalsInfo(o),
        ExtendedProperties = Array.Empty<object>(),
        FolderName = Array.Empty<string>(),
        Items = o.Items.Select(i => Item(o, i)).ToArray(),
        Notes = o.CancelNote is null
            ? Array.Empty<object>()
            : [new { NoteText = o.CancelNote, Internal = true, NoteDate = Utc(o.CancelledDateTime ?? o.ReceivedDate) }],
        PaidDateTime = o.PaidDateTime is { } paid ? Utc(paid) : (DateTime?)null,
        TaxId = (string?)null,
    };

    /// <summary>The flat <c>ProcessedOrderWeb</c> row of <c>SearchProcessedOrdersPaged</c>.</summary>
    public static object ProcessedOrderWeb(LinnworksOrder o) => new
    {
        pkOrderID = o.OrderId,
        cShippingAddress = string.Join(Environment.NewLine, new[]
        {
            o.Address.FullName, o.Address.Address1, o.Address.Address2, o.Address.Town, o.Address.PostCode, o.Address.Country,
        }.Where(s => s.Length > 0)),
        dReceivedDate = Utc(o.ReceivedDate),
        dProcessedOn = Utc(o.ProcessedDateTime ?? o.CancelledDateTime ?? o.ReceivedDate),
        fPostageCost = o.PostageCost,
        fTotalCharge = o.Subtotal + o.PostageCost,
        Subtotal = o.Subtotal,
        fTax = 0m,
        nOrderId = o.NumOrderId,
        nStatus = (int)o.Status,
        cCurrency = o.Currency,
        PostalTrackingNumber = o.TrackingNumber,
        cCountry = o.Address.Country,
        o.Source,
        o.PostalServiceName,
        PostalServiceCode = "",
        o.Vendor,
        o.ReferenceNum,
        o.SecondaryReference,
        ExternalReference = o.ExternalReferenceNum,
        o.Address.Address1,
        o.Address.Address2,
        o.Address.Address3,
        o.Address.Town,
        o.Address.Region,
        BuyerPhoneNumber = o.Address.PhoneNumber,
        o.Address.Company,
        o.SubSource,
        ChannelBuyerName = o.Address.FullName,
        cFullName = o.Address.FullName,
        cEmailAddress = o.Address.EmailAddress,
        cPostCode = o.Address.PostCode,
        dPaidOn = o.PaidDateTime is { } paid ? Utc(paid) : DateTime.MinValue,
        dCancelledOn = o.CancelledDateTime is { } c ? Utc(c) : DateTime.MinValue,
        o.TotalWeight,
        o.HoldOrCancel,
        IsResend = false,
        IsExchange = false,
    };

    public static object GeneralInfo(LinnworksOrder o) => new
    {
        Status = (int)o.Status,
        LabelPrinted = false,
        InvoicePrinted = false,
        PickListPrinted = false,
        IsRuleRun = true,
        PartShipped = false,
        Marker = 0,
        IsParked = false,
        o.ReferenceNum,
        o.SecondaryReference,
        o.ExternalReferenceNum,
        ReceivedDate = Utc(o.ReceivedDate),
        o.Source,
        o.SubSource,
        SiteCode = "",
        o.HoldOrCancel,
        DespatchByDate = Utc(o.ReceivedDate.AddDays(2)),
        Location = Guid.Empty,
        NumItems = o.Items.Count,
        StockAllocationType = "NotAllocated",
    };

    public static object ShippingInfo(LinnworksOrder o) => new
    {
        o.Vendor,
        o.PostalServiceId,
        o.PostalServiceName,
        o.TotalWeight,
        ItemWeight = o.TotalWeight,
        PackageCategoryId = Guid.Empty,
        PackageCategory = "Default",
        PackageTypeId = Guid.Empty,
        PackageType = "Default",
        o.PostageCost,
        PostageCostExTax = o.PostageCost,
        o.TrackingNumber,
        ManualAdjust = false,
    };

    public static object TotalsInfo(LinnworksOrder o) => new
    {
        o.Subtotal,
        o.PostageCost,
        PostageCostExTax = o.PostageCost,
        Tax = 0m,
        TotalCharge = o.Subtotal + o.PostageCost,
        PaymentMethod = "Default",
        PaymentMethodId = Guid.Empty,
        ProfitMargin = 0m,
        TotalDiscount = 0m,
        o.Currency,
        CountryTaxRate = 0m,
        ConversionRate = 1m,
    };

    public static object PostalService(LinnworksPostalService s) => new
    {
        pkPostalServiceId = s.Id,
        id = s.Id,
        PostalServiceName = s.Name,
        PostalServiceTag = s.Tag,
        PostalServiceCode = s.Code,
        ServiceCountry = "GB",
        s.Vendor,
        PrintModule = "",
        s.TrackingNumberRequired,
        WeightRequired = false,
        IntegratedServiceId = (string?)null,
        Channels = Array.Empty<object>(),
        ShippingServices = Array.Empty<object>(),
    };

    public static object StockItemLevel(LinnworksStockLevel level, int inOrders) => new
    {
        SKU = level.Sku,
        StockItemId = StockItemId(level.Sku),
        Location = new
        {
            StockLocationId = level.LocationId,
            LocationName = level.LocationId == Guid.Empty ? "Default" : level.LocationId.ToString(),
        },
        StockLevel = level.Level,
        InOrders = inOrders,
        Available = level.Level - inOrders,
        Due = 0,
        MinimumLevel = 0,
        LastUpdateDate = Utc(level.LastUpdateDate),
    };

    public static object Paged<T>(IReadOnlyList<T> all, int pageNumber, int entriesPerPage)
    {
        var perPage = Math.Max(1, entriesPerPage);
        var page = Math.Max(1, pageNumber);
        return new
        {
            PageNumber = page,
            EntriesPerPage = perPage,
            TotalEntries = all.Count,
            TotalPages = (all.Count + perPage - 1) / perPage,
            Data = all.Skip((page - 1) * perPage).Take(perPage).ToArray(),
        };
    }

    // Linnworks property names are case-insensitive on input; clients send both orderId and OrderId.
    public static JsonElement? ReadProperty(this JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? ReadString(this JsonElement element, string name) =>
        element.ReadProperty(name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static int? ReadInt(this JsonElement element, string name) =>
        element.ReadString(name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static decimal? ReadDecimal(this JsonElement element, string name) =>
        element.ReadString(name) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public static Guid? ReadGuid(this JsonElement element, string name) =>
        element.ReadString(name) is { } text && System.Guid.TryParse(text, out var value) ? value : null;

    private static object CustomerInfo(LinnworksOrder o) => new
    {
        ChannelBuyerName = o.Address.FullName,
        Address = Address(o.Address),
        BillingAddress = Address(o.Address),
    };

    private static object Address(LinnworksAddress a) => new
    {
        a.EmailAddress,
        a.Address1,
        a.Address2,
        a.Address3,
        a.Town,
        a.Region,
        a.PostCode,
        a.Country,
        Continent = "Europe",
        a.FullName,
        a.Company,
        a.PhoneNumber,
        CountryId = Guid.Empty,
    };

    private static object Item(LinnworksOrder o, LinnworksOrderItem i) => new
    {
        ItemId = i.StockItemId,
        ItemNumber = i.Sku,
        SKU = i.Sku,
        ItemSource = o.Source,
        i.Title,
        i.Quantity,
        CategoryName = "Default",
        StockLevelsSpecified = false,
        OnOrder = 0,
        InOrderBook = 0,
        Level = 0,
        AvailableStock = 0,
        i.PricePerUnit,
        UnitCost = i.PricePerUnit,
        Discount = 0m,
        Tax = 0m,
        TaxRate = 0m,
        Cost = i.PricePerUnit * i.Quantity,
        CostIncTax = i.PricePerUnit * i.Quantity,
        CompositeSubItems = Array.Empty<object>(),
        IsService = false,
        SalesTax = 0m,
        TaxCostInclusive = true,
        PartShipped = false,
        Weight = 0m,
        BarcodeNumber = "",
        Market = 0,
        ChannelSKU = i.ChannelSku,
        ChannelTitle = i.Title,
        BinRack = "",
        i.RowId,
        o.OrderId,
        i.StockItemId,
    };
}
