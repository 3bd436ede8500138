using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Ledger.Api.Tests;

/// <summary>Ledger's real pipeline in memory, on a fresh database of the run's private cluster.</summary>
public sealed class LedgerApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var cluster = await TestCluster.GetAsync();
        var database = $"api_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(database);
        ConnectionString = cluster.ConnectionString(database);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Ledger", ConnectionString);

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
