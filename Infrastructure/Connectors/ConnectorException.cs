using System.Net;
using System.Text;
using System.Text.Json;

namespace Ledger.Infrastructure.Connectors;

/// <summary>An external system refused or failed a call. <see cref="Exception.Message"/> carries the system's own error text.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(string system, string message, HttpStatusCode? statusCode = null)
        : base($"{system}: {message}")
    {
        SourceSystem = system;
        StatusCode = statusCode;
    }

    public string SourceSystem { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The error text of a JSON error body (<c>message</c>/<c>Message</c>, with <c>code</c>/<c>error</c>
    /// when present), or the body itself, cut short.
    /// </summary>
    public static string ErrorText(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "(empty body)";
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var message = Property(document.RootElement, "message") ?? Property(document.RootElement, "Message");
                var code = Property(document.RootElement, "code") ?? Property(document.RootElement, "Code") ?? Property(document.RootElement, "error");
                if (message is not null)
                {
                    return code is null || code == "-" ? message : $"{code}: {message}";
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself is the best description.
        }

        var text = Encoding.UTF8.GetString(body);
        return text.Length <= 500 ? text : text[..500] + "…";
    }

    private static string? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
