using System.Globalization;
using System.Runtime.InteropServices;
using Ledger.Simulators.Hosting;

namespace Ledger.Simulators;

/// <summary>
/// The demo process: every simulator on one port, e.g.
/// <c>dotnet run --project tests/Ledger.Simulators -- --urls http://127.0.0.1:5090 --ledger http://127.0.0.1:5080 --time-scale 0.1</c>.
/// A named class rather than top-level statements, so that its entry point is not a second public
/// <c>Program</c> beside Ledger's in the tests that reference both.
/// </summary>
public static class SimulatorsProgram
{
    public static async Task Main(string[] args)
    {
        var urls = new Uri(Option(args, "--urls") ?? "http://127.0.0.1:5090");
        var settings = new SimulatorSettings
        {
            LedgerBaseUrl = new Uri(Option(args, "--ledger") ?? "http://127.0.0.1:5080"),
            TimeScale = double.Parse(Option(args, "--time-scale") ?? "1", CultureInfo.InvariantCulture),
        };

        using var shutdown = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            shutdown.Cancel();
        }

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
            // Ctrl+C or SIGTERM: dispose the host and exit.
        }
    }

    private static string? Option(string[] args, string name)
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
}
