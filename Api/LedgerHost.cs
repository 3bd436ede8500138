using FastEndpoints;
using Ledger.Api.ErrorHandling;
using Ledger.Api.Observability;
using Ledger.Api.OpenApi;
using Ledger.Api.Security;
using Ledger.Infrastructure;

namespace Ledger.Api;

/// <summary>The composition root: every layer's services, and the HTTP pipeline.</summary>
public static class LedgerHost
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLedgerInfrastructure(connectionString);
        builder.Services.AddLedgerInbound(builder.Configuration);
        builder.Services.AddLedgerPolling(builder.Configuration);
        builder.Services.AddLedgerSecurity(builder.Configuration);
        builder.Services.AddLedgerObservability();
        builder.Services.AddFastEndpoints();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<LedgerExceptionHandler>();
        builder.Services.AddLedgerOpenApi();
        return builder;
    }

    public static WebApplication UseLedger(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseFastEndpoints(c => c.Errors.UseProblemDetails());
        app.MapLedgerOpenApi();
        app.MapLedgerMetrics();
        return app;
    }
}
