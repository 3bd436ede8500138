using Ledger.Application.Abstractions.EventStore;
using Npgsql;

namespace Ledger.Projections.Runtime;

/// <summary>
/// A read model built from <c>$all</c>. <see cref="ApplyAsync"/> writes with the given connection and
/// transaction, which the runner commits together with the projection's checkpoint.
/// Events the projection does not know are ignored.
/// </summary>
public interface IProjection
{
    string Name { get; }

    Task ApplyAsync(RecordedEvent e, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
