using Ledger.Application.Inbound;

namespace Ledger.Api.Webhooks;

/// <summary>The HTTP side of every inbound endpoint: reading the exact body, and answering per the result.</summary>
public static class InboundHttp
{
    /// <summary>Larger than any order or stock file a source sends; beyond it the sender is told 413.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    public sealed record RecordedResponse(string Status, Guid? EventId, string? Stream, long? Position);

    /// <summary>The body exactly as sent: signatures are over these bytes, and they are kept verbatim.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"Ledger accepts bodies up to {MaxBodyBytes} bytes.");

    public static IResult ToHttp(InboundResult result) => result switch
    {
        InboundResult.Recorded { Outcome: var o } => Results.Ok(new RecordedResponse(o.Duplicate ? "duplicate" : "recorded", o.EventId, o.Stream.Value, o.Duplicate ? null : o.Position.Value)),
        InboundResult.Ignored i => Results.Ok(new RecordedResponse("ignored", null, null, null)),
        InboundResult.Unauthorized u => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: u.Reason),
        InboundResult.Invalid v => Results.ValidationProblem(
            new Dictionary<string, string[]> { [v.Field] = [v.Message] },
            detail: v.Message,
            title: $"Invalid '{v.Field}'"),
        _ => throw new InvalidOperationException($"Unknown inbound result {result.GetType().Name}."),
    };
}
