using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Ledger.Simulators.Shopify;

/// <summary>
/// Filters of <c>GET /orders.json</c> and its cursor paging: the <c>page_info</c> cursor carries the
/// original filters, as Shopify's does, so a next-page request sends only <c>limit</c> and <c>page_info</c>.
/// </summary>
internal sealed record ShopifyOrderQuery(
    string Status,
    DateTimeOffset? UpdatedAtMin,
    DateTimeOffset? UpdatedAtMax,
    DateTimeOffset? CreatedAtMin,
    DateTimeOffset? CreatedAtMax,
    long? SinceId,
    IReadOnlySet<long>? Ids,
    string? FinancialStatus,
    string? FulfillmentStatus,
    int Offset)
{
    /// <summary>The filters as a query string (without <c>limit</c> and <c>page_info</c>), carried in cursors.</summary>
    public string Filters { get; init; } = "";

    public static ShopifyOrderQuery? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        if (query.TryGetValue("page_info", out var pageInfo))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(pageInfo.ToString()));
                var separator = decoded.IndexOf('|', StringComparison.Ordinal);
                var original = QueryHelpers.ParseQuery(decoded[(separator + 1)..]);
                var parsed = Parse(new QueryCollection(original), out error);
                return parsed is null ? null : parsed with
                {
                    Offset = int.Parse(decoded[..separator], CultureInfo.InvariantCulture),
                    Filters = decoded[(separator + 1)..],
                };
            }
            catch (FormatException)
            {
                error = "page_info - Invalid value.";
                return null;
            }
        }

        try
        {
            return new ShopifyOrderQuery(
                query["status"].FirstOrDefault() ?? "open",
                Date(query, "updated_at_min"),
                Date(query, "updated_at_max"),
                Date(query, "created_at_min"),
                Date(query, "created_at_max"),
                query.TryGetValue("since_id", out var since) ? long.Parse(since.ToString(), CultureInfo.InvariantCulture) : null,
                query.TryGetValue("ids", out var ids)
                    ? ids.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => long.Parse(i, CultureInfo.InvariantCulture)).ToHashSet()
                    : null,
                query["financial_status"].FirstOrDefault(),
                query["fulfillment_status"].FirstOrDefault(),
                0)
            {
                Filters = string.Join('&', query
                    .Where(q => q.Key is not ("limit" or "page_info"))
                    .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()))),
            };
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    public bool Matches(ShopifyOrder order) =>
        MatchesStatus(order)
        && (UpdatedAtMin is null || order.UpdatedAt >= UpdatedAtMin)
        && (UpdatedAtMax is null || order.UpdatedAt <= UpdatedAtMax)
        && (CreatedAtMin is null || order.CreatedAt >= CreatedAtMin)
        && (CreatedAtMax is null || order.CreatedAt <= CreatedAtMax)
        && (SinceId is null || order.Id > SinceId)
        && (Ids is null || Ids.Contains(order.Id))
        && (FinancialStatus is null or "any" || order.FinancialStatus == FinancialStatus)
        && MatchesFulfillment(order);

    /// <summary>The cursor for the page after <paramref name="pageSize"/> more orders.</summary>
    public string NextCursor(int pageSize) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            (Offset + pageSize).ToString(CultureInfo.InvariantCulture) + "|" + Filters));

    private bool MatchesStatus(ShopifyOrder order) => Status switch
    {
        "any" => true,
        "closed" => order.ClosedAt is not null && order.CancelledAt is null,
        "cancelled" => order.CancelledAt is not null,
        _ => order.IsOpen,
    };

    private bool MatchesFulfillment(ShopifyOrder order) => FulfillmentStatus switch
    {
        null or "any" => true,
        "shipped" => order.FulfillmentStatus == "fulfilled",
        "partial" => order.FulfillmentStatus == "partial",
        "unshipped" => order.FulfillmentStatus is null,
        "unfulfilled" => order.FulfillmentStatus is null or "partial",
        _ => true,
    };

    private static DateTimeOffset? Date(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? DateTimeOffset.Parse(value.ToString(), CultureInfo.InvariantCulture)
            : null;
}
