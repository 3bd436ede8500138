using System.Net;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Simulators.Hosting;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Ledger.Api.Tests.Simulated;

/// <summary>
/// Ledger listening on a real loopback port (the simulators deliver webhooks over HTTP, as the real
/// systems do) and all six simulators in-process, pointed at it, with delays scaled down 100 times.
/// </summary>
public sealed class LedgerWithSimulators : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public SimulatorHost Simulators { get; private set; } = null!;

    public Uri LedgerUrl { get; private set; } = null!;

    public IEventStore Store => Services.GetRequiredService<IEventStore>();

    public async Task InitializeAsync()
    {
        var cluster = await TestCluster.GetAsync();
        var database = $"sim_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(database);
        _connectionString = cluster.ConnectionString(database);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        LedgerUrl = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Simulators = await SimulatorHost.StartAsync(new SimulatorSettings { LedgerBaseUrl = LedgerUrl, TimeScale = 0.01 });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Ledger", _connectionString);
        LedgerApp.DisablePolling(builder);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Simulators.DisposeAsync();
        await DisposeAsync();
    }

    /// <summary>Waits until a stream holds at least <paramref name="count"/> events, and returns them.</summary>
    public async Task<List<RecordedEvent>> StreamAsync(StreamName stream, int count, TimeSpan? timeout = null)
    {
        var events = new List<RecordedEvent>();
        await Probe.UntilAsync(async () => (events = await Store.ReadStreamAsync(stream).ToListAsync()).Count >= count, timeout, $"{count} events in {stream}");
        return events;
    }
}
