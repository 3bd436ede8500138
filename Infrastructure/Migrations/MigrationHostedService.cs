using Microsoft.Extensions.Hosting;

namespace Ledger.Infrastructure.Migrations;

/// <summary>Brings the schema up to date before anything else starts (hosted services start in order).</summary>
public sealed class MigrationHostedService(MigrationRunner runner, StoreReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await runner.RunAsync(cancellationToken);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Whether the store's schema is in place; the health endpoint reports it.</summary>
public sealed class StoreReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
