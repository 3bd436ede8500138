using System.Text.Json;

namespace Ledger.Simulators.Acs;

/// <summary>Reads a submitted order field by field, so a 422 can name every bad field at once.</summary>
internal static class AcsOrderParser
{
    public static (AcsOrderSubmission? Order, IReadOnlyList<AcsFieldError> Errors) Parse(JsonElement body, int maxOrderNumberLength)
    {
        var errors = new List<AcsFieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [new AcsFieldError("", "The body must be a JSON object.")]);
        }

        var orderNumber = RequiredString(body, "orderNumber", "orderNumber", errors);
        if (orderNumber.Length > maxOrderNumberLength)
        {
            errors.Add(new AcsFieldError("orderNumber", $"must be at most {maxOrderNumberLength} characters"));
        }

        var channel = RequiredString(body, "channel", "channel", errors);
        var carrierService = RequiredString(body, "carrierService", "carrierService", errors);
        var lockerId = OptionalString(body, "lockerId", "lockerId", errors);
        var b2b = false;
        if (Find(body, "b2b") is { } b2bValue)
        {
            if (b2bValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                b2b = b2bValue.GetBoolean();
            }
            else
            {
                errors.Add(new AcsFieldError("b2b", "must be true or false"));
            }
        }

        AcsAddress? shipTo = null;
        if (Find(body, "shipTo") is not { ValueKind: JsonValueKind.Object } address)
        {
            errors.Add(new AcsFieldError("shipTo", "is required"));
        }
        else
        {
            // Locker deliveries notify the customer, so they need an email and a phone number.
            var contactRequired = lockerId is not null;
            var email = contactRequired
                ? RequiredString(address, "email", "shipTo.email", errors)
                : OptionalString(address, "email", "shipTo.email", errors) ?? "";
            if (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal))
            {
                errors.Add(new AcsFieldError("shipTo.email", "is not an email address"));
            }

            shipTo = new AcsAddress(
                RequiredString(address, "name", "shipTo.name", errors),
                email,
                contactRequired
                    ? RequiredString(address, "phone", "shipTo.phone", errors)
                    : OptionalString(address, "phone", "shipTo.phone", errors) ?? "",
                RequiredString(address, "line1", "shipTo.line1", errors),
                OptionalString(address, "line2", "shipTo.line2", errors),
                RequiredString(address, "city", "shipTo.city", errors),
                RequiredString(address, "postcode", "shipTo.postcode", errors),
                RequiredString(address, "country", "shipTo.country", errors));
        }

        var lines = new List<AcsLine>();
        if (Find(body, "lines") is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            errors.Add(new AcsFieldError("lines", "must contain at least one line"));
        }
        else
        {
            var index = 0;
            foreach (var line in array.EnumerateArray())
            {
                var path = $"lines[{index++}]";
                if (line.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new AcsFieldError(path, "must be an object"));
                    continue;
                }

                var sku = RequiredString(line, "sku", path + ".sku", errors);
                if (Find(line, "quantity") is { ValueKind: JsonValueKind.Number } quantity
                    && quantity.TryGetInt32(out var value) && value >= 1)
                {
                    lines.Add(new AcsLine(sku, value));
                }
                else
                {
                    errors.Add(new AcsFieldError(path + ".quantity", "must be a whole number of at least 1"));
                }
            }
        }

        return errors.Count > 0 || shipTo is null
            ? (null, errors)
            : (new AcsOrderSubmission(orderNumber, channel, carrierService, lockerId, b2b, shipTo, lines), errors);
    }

    private static JsonElement? Find(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string RequiredString(JsonElement parent, string name, string path, List<AcsFieldError> errors)
    {
        if (Find(parent, name) is { ValueKind: JsonValueKind.String } value && value.GetString() is { } text
            && !string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        errors.Add(new AcsFieldError(path, "is required"));
        return "";
    }

    private static string? OptionalString(JsonElement parent, string name, string path, List<AcsFieldError> errors)
    {
        switch (Find(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } value:
                return value.GetString() is { Length: > 0 } text ? text : null;
            default:
                errors.Add(new AcsFieldError(path, "must be a string"));
                return null;
        }
    }
}
