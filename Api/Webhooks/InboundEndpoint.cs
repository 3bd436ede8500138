using FastEndpoints;
using Ledger.Application.Inbound;

namespace Ledger.Api.Webhooks;

/// <summary>
/// What every inbound endpoint shares: it reads the exact body (413 past the limit), hands it to its
/// source's receiver, and answers per the result. Sources authenticate themselves, so no API key.
/// </summary>
public abstract class InboundEndpoint : EndpointWithoutRequest
{
    protected void DescribeInbound(string tag, string summary, string description, params string[] contentTypes)
    {
        AllowAnonymous();
        Description(d =>
        {
            d.WithTags(tag)
                .Produces<InboundHttp.RecordedResponse>(200)
                .ProducesProblem(400)
                .ProducesProblem(401)
                .ProducesProblem(413);
            if (contentTypes.Length > 0)
            {
                d.Accepts<object>(contentTypes[0], contentTypes[1..]);
            }
        });
        Summary(s =>
        {
            s.Summary = summary;
            s.Description = description;
        });
    }

    protected async Task ReceiveAsync(Func<byte[], Task<InboundResult>> receive, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(receive);
        var body = await InboundHttp.ReadBodyAsync(HttpContext.Request, ct);
        await Send.ResultAsync(body is null ? InboundHttp.TooLarge() : InboundHttp.ToHttp(await receive(body)));
    }

    protected string? Header(string name) =>
        HttpContext.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
