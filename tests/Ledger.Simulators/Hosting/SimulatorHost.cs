using System.Net;
using Ledger.Simulators.Acs;
using Ledger.Simulators.Faults;
using Ledger.Simulators.InPost;
using Ledger.Simulators.Linnworks;
using Ledger.Simulators.Peoplevox;
using Ledger.Simulators.Shopify;
using Ledger.Simulators.WooCommerce;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Ledger.Simulators.Hosting;

/// <summary>All six simulated systems on one Kestrel port on 127.0.0.1.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly HttpClient _webhookClient;
    private int _disposed;

    private SimulatorHost(
        WebApplication app, CancellationTokenSource stopping, HttpClient webhookClient, SimulatorContext context)
    {
        _app = app;
        _stopping = stopping;
        _webhookClient = webhookClient;
        Settings = context.Settings;
        Shopify = new ShopifySimulator(context);
        WooCommerce = new WooCommerceSimulator(context);
        Linnworks = new LinnworksSimulator(context);
        Peoplevox = new PeoplevoxSimulator(context);
        InPost = new InPostSimulator(context);
        Acs = new AcsSimulator(context);
        Systems = [Shopify, WooCommerce, Linnworks, Peoplevox, InPost, Acs];
    }

    public SimulatorSettings Settings { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>; Ledger calls <c>{BaseUrl}shopify</c> and so on.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public ShopifySimulator Shopify { get; }

    public WooCommerceSimulator WooCommerce { get; }

    public LinnworksSimulator Linnworks { get; }

    public PeoplevoxSimulator Peoplevox { get; }

    public InPostSimulator InPost { get; }

    public AcsSimulator Acs { get; }

    public IReadOnlyList<ISimulatedSystem> Systems { get; }

    /// <summary>The base URL Ledger should use for one system, e.g. <c>UrlOf(Shopify)</c> = <c>{BaseUrl}shopify</c>.</summary>
    public Uri UrlOf(ISimulatedSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new Uri(BaseUrl, system.PathPrefix.TrimStart('/'));
    }

    public static async Task<SimulatorHost> StartAsync(
        SimulatorSettings settings, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Embedded in test processes: the host must not react to Ctrl+C or SIGTERM by itself.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var app = builder.Build();

        var stopping = new CancellationTokenSource();
        var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(1),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var context = new SimulatorContext(
            settings, client, app.Services.GetRequiredService<ILoggerFactory>(), stopping.Token);
        var host = new SimulatorHost(app, stopping, client, context);

        app.UseMiddleware<FaultMiddleware>(host.Systems, settings.Clock);
        foreach (var system in host.Systems)
        {
            system.Map(app);
            ControlRoutes.MapCommon(app, system);
        }

        app.MapGet("/_control/health", () => Results.Ok(new { status = "ok" }));
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        host.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>Waits until no system has a webhook queued or retrying.</summary>
    public async Task WhenWebhooksIdleAsync(CancellationToken ct = default)
    {
        foreach (var system in Systems.OfType<SimulatedSystem>())
        {
            await system.Webhooks.WhenIdleAsync(ct);
        }
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        // Requests held by a Timeout fault must not keep a test run waiting.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(grace.Token);
        await _app.DisposeAsync();
        _webhookClient.Dispose();
        _stopping.Dispose();
    }
}
