using Ledger.Simulators.Faults;

namespace Ledger.Simulators.Hosting;

/// <summary>Control routes every system has: faults, request log, deliveries, dropped callbacks.</summary>
public static class ControlRoutes
{
    public static void MapCommon(IEndpointRouteBuilder app, ISimulatedSystem system)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(system);
        var control = app.MapGroup("/_control/" + system.Name);

        control.MapPost("/faults", (FaultRequest request) =>
        {
            system.Faults.Enqueue(request.ToFault(), Math.Max(1, request.Times ?? 1));
            return Results.Ok(new { pending = system.Faults.Pending });
        });
        control.MapDelete("/faults", () =>
        {
            system.Faults.Clear();
            return Results.NoContent();
        });
        control.MapGet("/requests", () => Results.Ok(system.Requests.All));
        control.MapDelete("/requests", () =>
        {
            system.Requests.Clear();
            return Results.NoContent();
        });
        control.MapGet("/deliveries", () => Results.Ok(system.Deliveries.Select(d => new
        {
            d.MessageId,
            d.Attempt,
            d.Topic,
            url = d.Url.ToString(),
            d.SentAt,
            durationMs = d.Duration.TotalMilliseconds,
            d.StatusCode,
            d.Succeeded,
            d.Dropped,
            d.Error,
            headers = d.Message.Headers,
            d.Body,
        })));
        control.MapPost("/drop-callbacks", (DropRequest request) =>
        {
            system.DropNextCallbacks(request.Count);
            return Results.NoContent();
        });
    }

    /// <summary>
    /// Runs a control action, mapping the simulators' exceptions to HTTP: unknown id 404,
    /// invalid state 409, bad argument 400.
    /// </summary>
    public static IResult Guard(Func<IResult> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.NotFound(new { error = ex.Message });
        }
        catch (InvalidOperationException ex)
        {
            return Results.Conflict(new { error = ex.Message });
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
    }

    /// <summary><c>{"kind":"tooManyRequests|serviceUnavailable|timeout|reject","seconds":2,"message":"…","times":1}</c></summary>
    public sealed record FaultRequest(string Kind, double? Seconds, string? Message, int? Times)
    {
        public Fault ToFault() => Kind.ToUpperInvariant() switch
        {
            "TOOMANYREQUESTS" or "429" => Fault.TooManyRequests(TimeSpan.FromSeconds(Seconds ?? 1)),
            "SERVICEUNAVAILABLE" or "503" => Fault.ServiceUnavailable(),
            "TIMEOUT" => Fault.Timeout(TimeSpan.FromSeconds(Seconds ?? 30)),
            "REJECT" => Fault.Reject(Message),
            _ => throw new BadHttpRequestException($"Unknown fault kind '{Kind}'."),
        };
    }

    public sealed record DropRequest(int Count);
}
