using Ledger.Application.Connectors.InPost;
using Npgsql;

namespace Ledger.Infrastructure.Connectors.InPost;

/// <summary>
/// The points named in <c>Connectors:InPost:WatchedPoints</c>, plus every locker that a channel order
/// reported in the last <see cref="InPostOptions.OpenOrderWindow"/> is addressed to. Until the orders view
/// exists this reads the channels' order events directly; orders older than the window have either been
/// collected or surfaced as exceptions.
/// </summary>
public sealed class LockerPointsToWatch(InPostOptions options, NpgsqlDataSource dataSource) : ILockerPointsToWatch
{
    public async Task<IReadOnlyCollection<string>> GetAsync(CancellationToken cancellationToken)
    {
        var points = new HashSet<string>(options.WatchedPoints.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()), StringComparer.OrdinalIgnoreCase);
        await using var command = dataSource.CreateCommand("""
            select distinct payload->'order'->>'lockerId'
              from ledger.events
             where category in ('shopify.order', 'woocommerce.order', 'linnworks.order')
               and recorded_at > now() - $1
               and payload->'order'->>'lockerId' is not null
            """);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.OpenOrderWindow });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(reader.GetString(0));
        }

        return points;
    }
}
