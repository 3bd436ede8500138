namespace Ledger.Application.Abstractions.EventStore;

/// <summary>
/// A stream's name: <c>category-id</c>, as in EventStoreDB. The category is everything before the
/// first hyphen, so <c>shopify.order-820982911946154508</c> belongs to <c>shopify.order</c>.
/// </summary>
public readonly record struct StreamName
{
    public const int MaxLength = 200;

    private StreamName(string value, string category)
    {
        Value = value;
        Category = category;
    }

    public string Value { get; }

    public string Category { get; }

    public string Id => Value[(Category.Length + 1)..];

    public static StreamName For(string category, string id) => Parse($"{category}-{id}");

    /// <summary>
    /// A name read back from the store, which validated it when it was appended: only the category is
    /// worked out, so reading millions of events does not re-validate every name.
    /// </summary>
    public static StreamName FromStore(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hyphen = value.IndexOf('-', StringComparison.Ordinal);
        return hyphen > 0 ? new StreamName(value, value[..hyphen]) : Parse(value);
    }

    public static StreamName Parse(string value)
    {
        if (!TryParse(value, out var name, out var error))
        {
            throw new ArgumentException(error, nameof(value));
        }

        return name;
    }

    public static bool TryParse(string? value, out StreamName name, out string error)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "A stream name is required.";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"A stream name is at most {MaxLength} characters.";
            return false;
        }

        var hyphen = value.IndexOf('-', StringComparison.Ordinal);
        if (hyphen <= 0 || hyphen == value.Length - 1)
        {
            error = $"Stream name '{value}' must have the form category-id.";
            return false;
        }

        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            error = $"Stream name '{value}' must not contain white space or control characters.";
            return false;
        }

        name = new StreamName(value, value[..hyphen]);
        error = string.Empty;
        return true;
    }

    public override string ToString() => Value;
}
