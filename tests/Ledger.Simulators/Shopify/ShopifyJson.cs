using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Simulators.Hosting;

namespace Ledger.Simulators.Shopify;

/// <summary>Shopify's JSON: snake_case, and timestamps to the second with the shop's offset.</summary>
public static class ShopifyJson
{
    public static readonly JsonSerializerOptions Options = new(SimulatorJson.SnakeCase)
    {
        Converters = { new ShopifyTimeConverter() },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static IResult Result<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        SimulatorJson.Bytes(Serialize(value), statusCode);

    public static IResult Error(int statusCode, object errors) => Result(new { errors }, statusCode);

    private sealed class ShopifyTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
    }
}
