using System.Globalization;
using System.Text;
using CsvHelper;
using Ledger.Application.Inbound;
using Ledger.Domain.Warehouse.Peoplevox;

namespace Ledger.Infrastructure.Connectors.Peoplevox;

/// <summary>
/// Peoplevox's <c>Despatch summary</c> report: CSV with one row per despatched item, spaced column names,
/// UK day-first dates. Rows are grouped by despatch number into <see cref="PeoplevoxDespatchReported"/>.
/// </summary>
public static class DespatchSummary
{
    public const string Report = "Despatch summary";
    public const string SalesOrderColumn = "Salesorder number";
    public const string DespatchColumn = "Despatch number";
    public const string TrackingColumn = "Tracking number";
    public const string CarrierColumn = "Carrier";
    public const string ServiceColumn = "Service";
    public const string DateColumn = "Despatch date";
    public const string ItemColumn = "Item code";
    public const string QuantityColumn = "No of items";

    public static IReadOnlyList<string> Columns { get; } =
        [SalesOrderColumn, DespatchColumn, TrackingColumn, CarrierColumn, ServiceColumn, DateColumn, ItemColumn, QuantityColumn];

    private static readonly string[] ReportDateFormats = ["dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy"];

    /// <summary>The report's rows, each with its raw CSV line, and the header line, to keep raw bodies readable.</summary>
    public static (string Header, IReadOnlyList<Row> Rows) Parse(string csvText)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            // Reports name columns in brackets in requests; accept them bracketed in the answer too.
            NormalizeHeaderName = name => name.Trim().Trim('[', ']'),
        };
        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(csvText), options);
        var header = string.Join(',', csv.Headers);
        var rows = new List<Row>();
        while (csv.Read())
        {
            rows.Add(new Row(
                csv.GetString(SalesOrderColumn), csv.GetString(DespatchColumn), csv.GetString(TrackingColumn), csv.GetString(CarrierColumn),
                csv.GetString(ServiceColumn), csv.GetString(DateColumn), csv.GetString(ItemColumn), csv.GetString(QuantityColumn),
                Encoding.UTF8.GetString(csv.RawRecord)));
        }

        return (header, rows);
    }

    /// <summary>One despatch from its rows (all with the same sales order and despatch number).</summary>
    public static PeoplevoxDespatchReported ToDespatch(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var first = rows[0];
        var items = rows
            .Where(r => r.ItemCode.Length > 0)
            .GroupBy(r => r.ItemCode, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PeoplevoxDespatchedItem(g.Key, g.Sum(r => Quantity(r))))
            .ToList();
        return new PeoplevoxDespatchReported(
            first.SalesOrderNumber,
            first.DespatchNumber,
            Text(first.TrackingNumber),
            Text(first.Carrier),
            Text(first.Service),
            DespatchDate(first.DespatchDate),
            items);
    }

    public static DateTimeOffset? DespatchDate(string text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTime.TryParseExact(text, ReportDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var uk)
            ? new DateTimeOffset(uk, TimeSpan.Zero)
        : Timestamps.TryParse(text, out var iso) ? iso
        : null;

    /// <summary>Peoplevox's search clause for a date range on the report's <c>Despatch date</c> column.</summary>
    public static string Between(DateTimeOffset from, DateTimeOffset to) =>
        $"[{DateColumn}] >= {Clause(from)} AND [{DateColumn}] <= {Clause(to)}";

    private static string Clause(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"DateTime({utc.Year},{utc.Month},{utc.Day},{utc.Hour},{utc.Minute},{utc.Second})");
    }

    // "No of items" is reported unreliable by one integrator; a blank or odd value counts as one item.
    private static int Quantity(Row row) =>
        int.TryParse(row.Quantity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
        : decimal.TryParse(row.Quantity, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d > 0 ? (int)d
        : 1;

    private static string? Text(string value) => value.Length == 0 ? null : value;

    public sealed record Row(
        string SalesOrderNumber,
        string DespatchNumber,
        string TrackingNumber,
        string Carrier,
        string Service,
        string DespatchDate,
        string ItemCode,
        string Quantity,
        string Raw);
}
