using System.Globalization;
using Ledger.Simulators.Hosting;

namespace Ledger.Simulators.Faults;

/// <summary>
/// Records every wire-API request in its system's <see cref="RequestLog"/> and applies the next
/// queued <see cref="Fault"/>. Control routes (<c>/_control</c>) are never logged nor faulted.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, IReadOnlyList<ISimulatedSystem> systems, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var system = systems.FirstOrDefault(s => s.OwnsPath(context.Request.Path));
        if (system is null)
        {
            await next(context);
            return;
        }

        var recorded = await RecordAsync(context, clock);
        system.Requests.Add(recorded);
        context.Response.OnStarting(() =>
        {
            recorded.StatusCode = context.Response.StatusCode;
            return Task.CompletedTask;
        });

        if (!system.Faults.TryTake(out var fault) || fault is null)
        {
            await next(context);
            return;
        }

        switch (fault)
        {
            case Fault.TooManyRequestsFault tooMany:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter =
                    Math.Ceiling(tooMany.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                break;
            case Fault.ServiceUnavailableFault:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            case Fault.TimeoutFault timeout:
                try
                {
                    await Task.Delay(timeout.Hold, clock, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The caller gave up first, which is the point.
                }

                context.Abort();
                break;
            case Fault.RejectFault reject:
                await system.WriteRejectionAsync(context, reject.Message);
                break;
        }
    }

    private static async Task<RecordedRequest> RecordAsync(HttpContext context, TimeProvider clock)
    {
        var request = context.Request;
        var receivedAt = clock.GetUtcNow();
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(
            request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", headers, body, receivedAt);
    }
}
