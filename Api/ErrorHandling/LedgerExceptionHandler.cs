using System.Text.Json;
using Ledger.Application.Abstractions.EventStore;
using Microsoft.AspNetCore.Diagnostics;

namespace Ledger.Api.ErrorHandling;

/// <summary>
/// The last word on exceptions no endpoint handled, as RFC 9457 problem details. A request the server
/// could not read (malformed JSON, a bad header, a body too large) is the client's mistake and gets its
/// 4xx; anything else is Ledger's and gets a 500 that says nothing of the exception: the log has it,
/// under the trace id the problem carries.
/// </summary>
public sealed class LedgerExceptionHandler(IProblemDetailsService problems, ILogger<LedgerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            logger.LogDebug("Request {Method} {Path} was aborted by the client", httpContext.Request.Method, httpContext.Request.Path);
            return true;
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad Request", bad.Message),
            JsonException json => (StatusCodes.Status400BadRequest, "Malformed JSON", json.Path is null ? "The body is not valid JSON." : $"The body is not valid JSON at '{json.Path}'."),
            // Someone else changed the stream first: the caller re-reads and decides again.
            WrongExpectedRevisionException conflict => (StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            DuplicateEventIdException duplicate => (StatusCodes.Status409Conflict, "Conflict", duplicate.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal Server Error", "Ledger failed to handle this request. The error is logged under this problem's traceId."),
        };

        if (status >= StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            logger.LogInformation("Rejected {Method} {Path} with {Status}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        }

        httpContext.Response.StatusCode = status;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }))
        {
            // The client accepts no JSON at all; it still learns the status and why.
            await httpContext.Response.WriteAsync($"{title}: {detail}", cancellationToken);
        }

        return true;
    }
}
