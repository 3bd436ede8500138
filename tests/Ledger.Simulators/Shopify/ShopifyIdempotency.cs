namespace Ledger.Simulators.Shopify;

/// <summary>
/// Replays the first response for a repeated <c>Idempotency-Key</c> on POSTs. Real Shopify REST ignores
/// this header (only GraphQL mutations take an <c>@idempotent(key:)</c> directive); the simulator honours it
/// so Ledger can send it and tests can show a retried POST creates nothing twice.
/// </summary>
internal sealed class ShopifyIdempotency
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<(int Status, byte[] Body)>> _responses = new(StringComparer.Ordinal);

    public Task<(int Status, byte[] Body)> GetOrRun(string key, Func<(int Status, byte[] Body)> run)
    {
        lock (_gate)
        {
            if (!_responses.TryGetValue(key, out var response))
            {
                // Run inside the lock: concurrent retries with one key must still create one fulfilment.
                response = Task.FromResult(run());
                _responses[key] = response;
            }

            return response;
        }
    }
}
