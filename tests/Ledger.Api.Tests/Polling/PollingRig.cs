using System.Net;
using System.Net.Sockets;
using Ledger.Application.Abstractions.EventStore;
using Ledger.Simulators.Hosting;
using Ledger.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Ledger.Api.Tests.Polling;

/// <summary>
/// The simulators in-process (delays scaled down 100 times) and Ledger, through <see cref="LedgerApp"/>,
/// listening on a real loopback port so the simulators' webhooks reach it, with one poller pointed at the
/// simulators on short intervals and the others off.
/// </summary>
public abstract class PollingRig : IAsyncLifetime, IAsyncDisposable
{
    private static readonly string[] Systems = ["Linnworks", "WooCommerce", "Peoplevox", "InPost"];

    private readonly LedgerApp _app = new();

    public SimulatorHost Simulators { get; private set; } = null!;

    public WebApplicationFactory<Program> Ledger { get; private set; } = null!;

    public IEventStore Store => Ledger.Services.GetRequiredService<IEventStore>();

    /// <summary>The poller under test, e.g. <c>Linnworks</c>; the others are turned off.</summary>
    protected abstract string Connector { get; }

    protected virtual SimulatorSettings Configure(SimulatorSettings settings) => settings;

    /// <summary>Settings beyond <c>Connectors:{Connector}:BaseUrl</c> and <c>Polling:Enabled</c>.</summary>
    protected abstract IEnumerable<KeyValuePair<string, string>> Settings();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();

        // The simulators must know Ledger's address before Ledger knows theirs, so Ledger's port is chosen
        // first; another process may take it meanwhile, and then both start again on a new one.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            Simulators = await SimulatorHost.StartAsync(Configure(new SimulatorSettings
            {
                LedgerBaseUrl = new Uri($"http://127.0.0.1:{port}"),
                TimeScale = 0.01,
            }));
            var settings = LedgerSettings();
            Ledger = _app.WithWebHostBuilder(b =>
            {
                foreach (var (key, value) in settings)
                {
                    b.UseSetting(key, value);
                }
            });
            Ledger.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            try
            {
                Ledger.StartServer();
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Ledger.DisposeAsync();
                await Simulators.DisposeAsync();
            }
        }
    }

    private Dictionary<string, string> LedgerSettings()
    {
        var settings = Systems.ToDictionary(s => $"Connectors:{s}:Polling:Enabled", s => s == Connector ? "true" : "false");
        settings[$"Connectors:{Connector}:BaseUrl"] = new Uri(Simulators.BaseUrl, Connector.ToLowerInvariant()).ToString();
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }

        return settings;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        // Ledger first, so its pollers stop before the systems they call disappear.
        if (Ledger is not null)
        {
            await Ledger.DisposeAsync();
        }

        await _app.DisposeAsync();
        if (Simulators is not null)
        {
            await Simulators.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public Task<List<RecordedEvent>> EventsAsync(StreamName stream) => Store.ReadStreamAsync(stream).ToListAsync().AsTask();

    /// <summary>Waits until <paramref name="stream"/> holds at least <paramref name="count"/> events, and returns them.</summary>
    public async Task<List<RecordedEvent>> StreamAsync(StreamName stream, int count, TimeSpan? timeout = null)
    {
        var events = new List<RecordedEvent>();
        await Probe.UntilAsync(async () => (events = await EventsAsync(stream)).Count >= count, timeout ?? TimeSpan.FromSeconds(30), $"{count} events in {stream}");
        return events;
    }

    /// <summary>
    /// Waits until the simulator has received <paramref name="count"/> more requests matching the filter:
    /// proof that whole polls ran after a given moment, without sleeping for a guessed time.
    /// </summary>
    public static async Task MorePollsAsync(ISimulatedSystem system, string pathFragment, int count = 2, DateTimeOffset? after = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var since = after ?? DateTimeOffset.UtcNow;
        await Probe.UntilAsync(
            () => system.Requests.All.Count(r => r.ReceivedAt > since && r.Path.Contains(pathFragment, StringComparison.OrdinalIgnoreCase) && r.StatusCode is >= 200 and < 300) >= count,
            TimeSpan.FromSeconds(30),
            $"{count} more {pathFragment} requests to {system.Name}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
