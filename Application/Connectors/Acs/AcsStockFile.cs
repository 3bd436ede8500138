using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using Ledger.Application.Inbound;
using Ledger.Domain.Warehouse.Acs;

namespace Ledger.Application.Connectors.Acs;

/// <summary>
/// Reads ACS's daily stock file (<c>TagId,Sku,LocationStatus,LastUpdated</c>, one row per garment tag).
/// All or nothing: one malformed row rejects the whole file, naming its row.
/// </summary>
public static class AcsStockFile
{
    public static readonly string[] Header = ["TagId", "Sku", "LocationStatus", "LastUpdated"];

    public static AcsStockFileImported Read(ReadOnlyMemory<byte> file, string? fileName)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(file.Span));
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
        };
        try
        {
            using var csv = CsvReader.Create(file, options);
            var header = csv.Headers;
            if (header.Count == 0)
            {
                throw new InboundValidationException("line 1", "The file is empty; it must start with the header " + string.Join(',', Header) + ".");
            }

            var missing = Header.Where(h => !header.Contains(h, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InboundValidationException("line 1", $"The header lacks {string.Join(", ", missing)}; expected {string.Join(',', Header)}.");
            }

            var tags = new HashSet<string>(StringComparer.Ordinal);
            var stock = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
            DateTimeOffset? takenAt = null;
            var rows = 0;
            while (csv.Read())
            {
                var line = csv.LineNumber;
                string Field(string name) => csv.GetString(name) switch
                {
                    { Length: 0 } => throw new InboundValidationException($"line {line}.{name}", $"Line {line} has no {name}."),
                    var value when value.Any(char.IsControl) => throw new InboundValidationException($"line {line}.{name}", $"Line {line}'s {name} contains control characters."),
                    var value => value,
                };

                var tag = Field("TagId");
                var sku = Field("Sku");
                var status = Field("LocationStatus");
                if (!Timestamps.TryParse(Field("LastUpdated"), out var updated))
                {
                    throw new InboundValidationException($"line {line}.LastUpdated", $"Line {line}'s LastUpdated is not a date and time.");
                }

                if (!tags.Add(tag))
                {
                    throw new InboundValidationException($"line {line}.TagId", $"Line {line} repeats tag {tag}; each garment tag appears once.");
                }

                var statuses = stock.TryGetValue(sku, out var s) ? s : stock[sku] = new SortedDictionary<string, int>(StringComparer.Ordinal);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                takenAt = takenAt is null || updated > takenAt ? updated : takenAt;
                rows++;
            }

            return new AcsStockFileImported(sha, fileName, rows, takenAt,
                stock.Select(kv => new AcsSkuStock(kv.Key, kv.Value)).ToList());
        }
        catch (CsvFormatException e)
        {
            throw new InboundValidationException($"line {e.LineNumber}", $"Line {e.LineNumber} is malformed: {e.Message.Split('\n')[0]}");
        }
    }
}
