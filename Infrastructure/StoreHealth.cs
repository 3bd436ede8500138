using Ledger.Application.Abstractions.EventStore;
using Ledger.Infrastructure.Migrations;
using Npgsql;

namespace Ledger.Infrastructure;

/// <summary>Whether the store answers and its schema is in place.</summary>
public sealed class StoreHealth(StoreReadiness readiness, IEventStore store)
{
    public async Task<(bool Ready, Position Head, string Detail)> CheckAsync(CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
        {
            return (false, Position.Start, "migrations have not finished");
        }

        try
        {
            return (true, await store.ReadHeadPositionAsync(cancellationToken), "ready");
        }
        catch (NpgsqlException e)
        {
            return (false, Position.Start, $"database unavailable: {e.Message}");
        }
    }
}
