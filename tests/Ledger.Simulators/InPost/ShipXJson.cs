using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.Simulators.Hosting;

namespace Ledger.Simulators.InPost;

/// <summary>ShipX JSON (snake_case, millisecond timestamps) and its error shape.</summary>
public static class ShipXJson
{
    public static readonly JsonSerializerOptions Options = new(SimulatorJson.SnakeCase)
    {
        Converters = { new MillisecondTimeConverter() },
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static IResult Result<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        SimulatorJson.Bytes(Serialize(value), statusCode);

    /// <summary><c>{"status","error","message","details"}</c>, as every ShipX error is shaped.</summary>
    public static IResult Error(int status, string error, string message, object? details = null) =>
        Result(new { status, error, message, details = details ?? new Dictionary<string, object>() }, status);

    /// <summary>
    /// Validation failure. Real ShipX answers 400 here; the project's contract asks for 422, which Ledger
    /// must treat as a permanent rejection either way.
    /// </summary>
    public static IResult ValidationFailed(IReadOnlyDictionary<string, object> details, string? message = null) =>
        Error(StatusCodes.Status422UnprocessableEntity, "validation_failed",
            message ?? "There are some validation errors. Check details object for more info.", details);

    private sealed class MillisecondTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
    }
}
