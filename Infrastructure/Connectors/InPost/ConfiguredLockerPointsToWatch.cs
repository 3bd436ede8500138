using Ledger.Application.Connectors.InPost;

namespace Ledger.Infrastructure.Connectors.InPost;

/// <summary>
/// The points named in <c>Connectors:InPost:WatchedPoints</c>. The lockers of open orders join them once a
/// read model of open orders with their <c>lockerId</c> exists.
/// </summary>
public sealed class ConfiguredLockerPointsToWatch(InPostOptions options) : ILockerPointsToWatch
{
    public Task<IReadOnlyCollection<string>> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<string>>(options.WatchedPoints
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList());
}
