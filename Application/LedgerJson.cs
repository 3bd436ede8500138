using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Application;

/// <summary>How Ledger writes its own JSON: camelCase, enums as strings, no nulls.</summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
