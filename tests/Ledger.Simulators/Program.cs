using System.Globalization;
using System.Runtime.InteropServices;
using Ledger.Simulators.Hosting;

// The demo process: every simulator on one port, e.g.
// dotnet run --project tests/Ledger.Simulators -- --urls http://127.0.0.1:5090 --ledger http://127.0.0.1:5080 --time-scale 0.1
var urls = new Uri(Option(args, "--urls") ?? "http://127.0.0.1:5090");
var settings = new SimulatorSettings
{
    LedgerBaseUrl = new Uri(Option(args, "--ledger") ?? "http://127.0.0.1:5080"),
    TimeScale = double.Parse(Option(args, "--time-scale") ?? "1", CultureInfo.InvariantCulture),
};

using var shutdown = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using var host = await SimulatorHost.StartAsync(settings, urls.Port);
Console.WriteLine($"Simulators listening on {host.BaseUrl} (Ledger at {settings.LedgerBaseUrl}, time scale {settings.TimeScale})");
foreach (var system in host.Systems)
{
    Console.WriteLine($"  {system.Name,-12} {host.UrlOf(system)}   control {host.BaseUrl}_control/{system.Name}");
}

try
{
    await Task.Delay(Timeout.Infinite, shutdown.Token);
}
catch (OperationCanceledException)
{
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}

static string? Option(string[] args, string name)
{
    for (var i = 0; i < args.Length; i++)
    {
        if (args[i] == name && i + 1 < args.Length)
        {
            return args[i + 1];
        }

        if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
        {
            return args[i][(name.Length + 1)..];
        }
    }

    return null;
}
