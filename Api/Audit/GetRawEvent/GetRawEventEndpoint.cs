using FastEndpoints;
using Ledger.Api.Security;
using Ledger.Application.Abstractions.EventStore;

namespace Ledger.Api.Audit.GetRawEvent;

public sealed record GetRawEventRequest
{
    public Guid EventId { get; init; }
}

/// <summary>
/// What a source system sent, byte for byte, as Ledger received it: the evidence in a dispute. An event
/// whose personal data was erased on request answers 410.
/// </summary>
public sealed class GetRawEventEndpoint(IEventStore store) : Endpoint<GetRawEventRequest>
{
    public override void Configure()
    {
        Get("/api/events/{eventId}/raw");
        Policies(LedgerPolicies.Reader);
        Description(d => d.WithTags("Audit")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone));
        Summary(s =>
        {
            s.Summary = "An event's raw message, as received";
            s.Description = "The source's body exactly as it arrived (its SHA-256 is in the event and covered by the hash chain). 404 when the event is unknown or has no raw message; 410 when it was erased on request.";
        });
    }

    public override async Task HandleAsync(GetRawEventRequest req, CancellationToken ct)
    {
        var recorded = await store.ReadEventAsync(req.EventId, ct);
        if (recorded is null || (recorded.RawSha256 is null && !recorded.IsErased))
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: recorded is null ? $"No event {req.EventId}." : $"Event {req.EventId} was not recorded from a source message."));
            return;
        }

        var raw = await store.ReadRawBodyAsync(req.EventId, ct);
        if (raw is null)
        {
            await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Erased",
                detail: $"Event {req.EventId}'s raw message was erased on request; its digest still stands in the hash chain."));
            return;
        }

        HttpContext.Response.Headers["X-Raw-Sha256"] = Convert.ToHexStringLower(recorded.RawSha256!.Value.Span);
        await Send.BytesAsync(raw.Value.ToArray(), contentType: ContentTypeOf(raw.Value.Span), cancellation: ct);
    }

    /// <summary>Ledger keeps the bytes, not the sender's content type; JSON and CSV are told apart by their start.</summary>
    private static string ContentTypeOf(ReadOnlySpan<byte> raw)
    {
        var trimmed = raw.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'[')
            ? "application/json"
            : "text/plain; charset=utf-8";
    }
}
