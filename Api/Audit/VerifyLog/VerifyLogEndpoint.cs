using FastEndpoints;
using Ledger.Api.Security;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Api.Audit.VerifyLog;

public sealed record VerifyLogRequest
{
    /// <summary>One stream to check; every stream when absent.</summary>
    public string? Stream { get; init; }
}

public sealed record VerifyLogResponse(bool Intact, long StreamsChecked, long EventsChecked, long EventsErased, VerifyLogFailure? FirstFailure);

public sealed record VerifyLogFailure(string Stream, long StreamRevision, Guid EventId, long Position, string Kind, string Reason);

/// <summary>Runs the hash-chain check over one stream or the whole log and names the first event that fails it.</summary>
public sealed class VerifyLogEndpoint(IEventLogAudit audit) : Endpoint<VerifyLogRequest, VerifyLogResponse>
{
    public override void Configure()
    {
        Get("/api/audit/verify");
        Policies(LedgerPolicies.Reader);
        Description(d => d.WithTags("Audit").Produces<VerifyLogResponse>(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest));
        Summary(s =>
        {
            s.Summary = "Verify the hash chain";
            s.Description = "Recomputes each event's hash from its metadata, payload digest and the previous event's hash; reports erased events and the first event whose content or link does not match.";
        });
    }

    public override async Task HandleAsync(VerifyLogRequest req, CancellationToken ct)
    {
        StreamName? stream = null;
        if (!string.IsNullOrEmpty(req.Stream))
        {
            if (!StreamName.TryParse(req.Stream, out var parsed, out var error))
            {
                await Send.ResultAsync(Results.ValidationProblem(new Dictionary<string, string[]> { ["stream"] = [error] }, detail: error, title: "Invalid 'stream'"));
                return;
            }

            stream = parsed;
        }

        var report = await audit.VerifyAsync(stream, ct);
        var failure = report.FirstFailure is { } f
            ? new VerifyLogFailure(f.Stream.Value, f.StreamRevision, f.EventId, f.Position.Value, f.Kind.ToString(), f.Reason)
            : null;
        await Send.OkAsync(new VerifyLogResponse(report.IsIntact, report.StreamsChecked, report.EventsChecked, report.EventsErased, failure), ct);
    }
}
