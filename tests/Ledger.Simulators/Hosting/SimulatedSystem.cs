using Ledger.Simulators.Faults;
using Ledger.Simulators.Webhooks;
using Microsoft.Extensions.Logging;

namespace Ledger.Simulators.Hosting;

/// <summary>Plumbing shared by every simulator; subclasses add state, wire API and control API.</summary>
public abstract class SimulatedSystem : ISimulatedSystem
{
    protected SimulatedSystem(string name, SimulatorContext context, WebhookRetryPolicy retryPolicy)
    {
        Name = name;
        Context = context;
        Log = context.Logs.CreateLogger("Ledger.Simulators." + name);
        Webhooks = new WebhookSender(name, context, retryPolicy, Log);
    }

    public string Name { get; }

    public virtual string PathPrefix => "/" + Name;

    public FaultPlan Faults { get; } = new();

    public RequestLog Requests { get; } = new();

    public WebhookSender Webhooks { get; }

    public IReadOnlyList<WebhookDelivery> Deliveries => Webhooks.Deliveries;

    /// <summary>The <c>/_control/{Name}</c> prefix.</summary>
    public string ControlPrefix => "/_control/" + Name;

    protected SimulatorContext Context { get; }

    protected SimulatorSettings Settings => Context.Settings;

    protected TimeProvider Clock => Context.Clock;

    protected ILogger Log { get; }

    public void DropNextCallbacks(int count) => Webhooks.DropNext(count);

    public virtual bool OwnsPath(PathString path) => path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public virtual Task WriteRejectionAsync(HttpContext context, string? message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new { error = message ?? "rejected" });
    }

    public abstract void Map(IEndpointRouteBuilder app);
}
