namespace Ledger.Simulators.Shopify;

/// <summary>The result of a fulfilment request: created, or Shopify's error status and <c>errors</c> value.</summary>
internal sealed record ShopifyFulfilmentOutcome(ShopifyFulfillment? Fulfillment, ShopifyOrder? Order, int StatusCode, object? Errors)
{
    public static ShopifyFulfilmentOutcome Created(ShopifyFulfillment fulfillment, ShopifyOrder order) =>
        new(fulfillment, order, StatusCodes.Status201Created, null);

    public static ShopifyFulfilmentOutcome Failed(int statusCode, object errors) => new(null, null, statusCode, errors);

    public static ShopifyFulfilmentOutcome Unprocessable(string message) =>
        Failed(StatusCodes.Status422UnprocessableEntity, new List<string> { message });

    /// <summary>What Shopify answers for a missing body or order line-item ids in place of fulfillment-order line-item ids.</summary>
    public static ShopifyFulfilmentOutcome RequiredParameterMissing() =>
        Failed(StatusCodes.Status400BadRequest, new Dictionary<string, string> { ["fulfillment"] = "Required parameter missing or invalid" });
}
