using FastEndpoints;
using Ledger.Api.Security;
using Ledger.Projections.Runtime;

namespace Ledger.Api.Observability.GetProjections;

public sealed record GetProjectionsResponse(IReadOnlyList<ProjectionStatusItem> Projections);

/// <summary>
/// One projection's standing. <see cref="State"/> is this process's runner: <c>standby</c> means another
/// Ledger process runs it. <see cref="EventsBehindIsCapped"/> says the count stopped at its cap.
/// </summary>
public sealed record ProjectionStatusItem(
    string Name,
    string State,
    long Position,
    long Head,
    long EventsBehind,
    bool EventsBehindIsCapped,
    double SecondsBehind,
    long ParkedEvents,
    DateTimeOffset? UpdatedAt);

public sealed class GetProjectionsEndpoint(ProjectionStatusReader reader) : EndpointWithoutRequest<GetProjectionsResponse>
{
    public override void Configure()
    {
        Get("/api/projections");
        Policies(LedgerPolicies.Reader);
        Description(d => d.WithTags("Projections").Produces<GetProjectionsResponse>(StatusCodes.Status200OK));
        Summary(s =>
        {
            s.Summary = "Projections' status";
            s.Description = "Each registered projection's checkpoint, the log's head, how far behind it is (events and time) and how many events it has parked.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var statuses = await reader.ReadAsync(ct);
        await Send.OkAsync(new GetProjectionsResponse(statuses.Select(s => new ProjectionStatusItem(
            s.Name,
            s.State.ToString().ToLowerInvariant(),
            s.Position.Value,
            s.Head.Value,
            s.EventsBehind,
            s.EventsBehindIsCapped,
            s.TimeBehind.TotalSeconds,
            s.ParkedEvents,
            s.UpdatedAt)).ToList()), ct);
    }
}
