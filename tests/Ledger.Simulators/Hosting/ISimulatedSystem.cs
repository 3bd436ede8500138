using Ledger.Simulators.Faults;
using Ledger.Simulators.Webhooks;

namespace Ledger.Simulators.Hosting;

/// <summary>One simulated external system: its wire API, control routes, faults and logs.</summary>
public interface ISimulatedSystem
{
    /// <summary>Lower-case name, used in <c>/_control/{name}</c> (e.g. <c>shopify</c>).</summary>
    string Name { get; }

    /// <summary>Path prefix of the wire API (e.g. <c>/shopify</c>).</summary>
    string PathPrefix { get; }

    FaultPlan Faults { get; }

    RequestLog Requests { get; }

    /// <summary>Every outbound webhook attempt, oldest first.</summary>
    IReadOnlyList<WebhookDelivery> Deliveries { get; }

    /// <summary>The next <paramref name="count"/> outbound webhooks are silently lost.</summary>
    void DropNextCallbacks(int count);

    /// <summary>True when a request path belongs to this system's wire API (not its control routes).</summary>
    bool OwnsPath(PathString path);

    /// <summary>Writes this system's real error shape for an injected <see cref="Fault.Reject"/>.</summary>
    Task WriteRejectionAsync(HttpContext context, string? message);

    /// <summary>Maps the wire API under <see cref="PathPrefix"/> and control routes under <c>/_control/{Name}</c>.</summary>
    void Map(IEndpointRouteBuilder app);
}
