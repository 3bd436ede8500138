using FastEndpoints;
using Ledger.Infrastructure;
using Scalar.AspNetCore;

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
        builder.Services.AddFastEndpoints();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1);
        return builder;
    }

    public static WebApplication UseLedger(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseFastEndpoints(c => c.Errors.UseProblemDetails());
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
