using System.Net;
using Ledger.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The in-memory test server has no peer address; tests name one with this header, loopback otherwise.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Ledger", ConnectionString);
        DisablePolling(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter()));
    }

    /// <summary>Development turns the pollers on against the demo's simulators; tests that want one turn it back on.</summary>
    public static void DisablePolling(IWebHostBuilder builder)
    {
        foreach (var system in new[] { "Linnworks", "WooCommerce", "Peoplevox", "InPost" })
        {
            builder.UseSetting($"Connectors:{system}:Polling:Enabled", "false");
        }
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address)
                    ? IPAddress.Parse(address.ToString())
                    : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
