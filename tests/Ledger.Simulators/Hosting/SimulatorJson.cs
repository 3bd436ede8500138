using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Simulators.Hosting;

/// <summary>JSON settings for wire formats (the vendors speak snake_case and keep nulls).</summary>
public static class SimulatorJson
{
    public static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        // Vendors write "+01:00" and "&" literally; the default encoder would escape them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, SnakeCase);

    /// <summary>A JSON response with exactly these bytes (so webhook bodies and responses can match).</summary>
    public static IResult Bytes(byte[] body, int statusCode = StatusCodes.Status200OK) =>
        new JsonBytesResult(body, statusCode);

    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) => Bytes(Serialize(value), statusCode);

    private sealed class JsonBytesResult(byte[] body, int statusCode) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.Body.WriteAsync(body);
        }
    }
}
