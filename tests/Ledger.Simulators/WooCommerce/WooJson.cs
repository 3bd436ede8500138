using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Simulators.Hosting;

namespace Ledger.Simulators.WooCommerce;

/// <summary>Woo's JSON and its error shape <c>{"code","message","data":{"status"}}</c>.</summary>
public static class WooJson
{
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, SimulatorJson.SnakeCase);

    public static IResult Result<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        SimulatorJson.Bytes(Serialize(value), statusCode);

    public static IResult Error(int status, string code, string message, JsonObject? extraData = null)
    {
        var data = extraData ?? [];
        data["status"] = status;
        return Result(new JsonObject { ["code"] = code, ["message"] = message, ["data"] = data }, status);
    }

    public static IResult InvalidParam(string name, string reason) =>
        Error(StatusCodes.Status400BadRequest, "rest_invalid_param", $"Invalid parameter(s): {name}",
            new JsonObject { ["params"] = new JsonObject { [name] = reason } });
}
