using System.Globalization;
using System.Text.Json;

namespace Ledger.Application.Inbound;

/// <summary>
/// Reads fields from a sender's JSON with errors that name the field by its path
/// (<c>line_items[2].quantity</c>), so a 400 tells the sender exactly what to fix.
/// </summary>
public readonly struct JsonFields(JsonElement element, string path)
{
    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    public static JsonFields Root(JsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? new JsonFields(document.RootElement, string.Empty)
            : throw new InboundValidationException("body", "The body must be a JSON object.");
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InboundValidationException("body", $"The body is not valid JSON: {e.Message}");
        }
    }

    private string PathOf(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public bool Has(string name) => Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonFields RequiredObject(string name) =>
        OptionalObject(name) ?? throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is required and must be an object.");

    public JsonFields? OptionalObject(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Object
            ? new JsonFields(v, PathOf(name))
            : throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be an object.");
    }

    public IReadOnlyList<JsonFields> Array(string name, bool required = true)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is required.") : [];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be an array.");
        }

        var items = new List<JsonFields>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{PathOf(name)}[{i++}]";
            items.Add(item.ValueKind == JsonValueKind.Object
                ? new JsonFields(item, itemPath)
                : throw new InboundValidationException(itemPath, $"'{itemPath}' must be an object."));
        }

        return items;
    }

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } s ? s : throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is required.");

    /// <summary>A string, or a number given where a string was expected (ids often arrive as either).</summary>
    public string? OptionalString(string name)
    {
        if (!Element.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => Text(v, PathOf(name)),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be a string."),
        };
    }

    /// <summary>A JSON string's text; the parser lets invalid UTF-8 inside strings through until it is read.</summary>
    public static string? TextOf(JsonElement value, string path) => Text(value, path);

    private static string? Text(JsonElement value, string path)
    {
        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new InboundValidationException(path, $"'{path}' is not valid UTF-8 text.");
        }

        // PostgreSQL's text and jsonb cannot hold NUL; no real field needs one.
        return text is not null && text.Contains('\0', StringComparison.Ordinal)
            ? throw new InboundValidationException(path, $"'{path}' contains a NUL character.")
            : text;
    }

    public long RequiredLong(string name) =>
        OptionalLong(name) ?? throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is required.");

    public long? OptionalLong(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n))
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.String && long.TryParse(Text(v, PathOf(name)), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be a whole number.");
    }

    public int RequiredInt(string name)
    {
        var value = RequiredLong(name);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is out of range.");
    }

    public int? OptionalInt(string name)
    {
        var value = OptionalLong(name);
        return value is null ? null : value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is out of range.");
    }

    public decimal? OptionalDecimal(string name)
    {
        if (!Element.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
        {
            return d;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            var text = Text(v, PathOf(name));
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out d))
            {
                return d;
            }
        }

        throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be a decimal number.");
    }

    public DateTimeOffset? OptionalTimestamp(string name)
    {
        var text = OptionalString(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Timestamps.TryParse(text, out var t)
            ? t
            : throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be a date and time (ISO 8601).");
    }

    public DateTimeOffset Timestamp(string name) =>
        OptionalTimestamp(name) ?? throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' is required.");

    public bool? OptionalBoolean(string name) =>
        Element.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw new InboundValidationException(PathOf(name), $"'{PathOf(name)}' must be true or false."),
        } : null;
}

public static class Timestamps
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zz", "yyyy-MM-dd HH:mm:ss K"];

    /// <summary>ISO 8601 with or without an offset (no offset means UTC, as WooCommerce's *_gmt fields), or ShipX's "YYYY-MM-DD HH:MM:SS +ZZZZ".</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value))
        {
            return true;
        }

        // ShipX writes the offset without a colon: "+0100".
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-'))
        {
            var withColon = text[..^2] + ":" + text[^2..];
            return DateTimeOffset.TryParseExact(withColon, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value);
        }

        return false;
    }
}
