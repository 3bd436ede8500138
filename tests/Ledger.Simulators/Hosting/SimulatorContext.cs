using Microsoft.Extensions.Logging;

namespace Ledger.Simulators.Hosting;

/// <summary>What the host hands to every simulator it constructs.</summary>
public sealed class SimulatorContext
{
    private readonly CancellationToken _stopping;

    public SimulatorContext(SimulatorSettings settings, HttpClient webhookClient, ILoggerFactory logs, CancellationToken stopping)
    {
        Settings = settings;
        WebhookClient = webhookClient;
        Logs = logs;
        _stopping = stopping;
    }

    public SimulatorSettings Settings { get; }

    public TimeProvider Clock => Settings.Clock;

    /// <summary>Shared client for outbound webhooks: no redirects, no overall timeout (each attempt sets its own).</summary>
    public HttpClient WebhookClient { get; }

    public ILoggerFactory Logs { get; }

    /// <summary>Cancelled when the host stops; background work must observe it.</summary>
    public CancellationToken Stopping => _stopping;

    /// <summary>
    /// Runs <paramref name="work"/> after <paramref name="realWorldDelay"/> scaled by TimeScale.
    /// Failures are logged, never thrown: simulators must not crash the host.
    /// </summary>
    public void Schedule(TimeSpan realWorldDelay, Func<CancellationToken, Task> work, ILogger? log = null)
    {
        var delay = Settings.Scale(realWorldDelay);
        _ = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, Clock, _stopping);
                }

                await work(_stopping);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // a background step of a simulator must never take the host down
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log?.LogError(ex, "Scheduled simulator work failed");
            }
        }, CancellationToken.None);
    }

    public void Schedule(TimeSpan realWorldDelay, Action work, ILogger? log = null) =>
        Schedule(realWorldDelay, _ =>
        {
            work();
            return Task.CompletedTask;
        }, log);
}
