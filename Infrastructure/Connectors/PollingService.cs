using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors;

/// <summary>
/// A poller: one pass over an external system every interval. A failed pass is logged with the system's
/// own error text and the next one runs on schedule; nothing a source says can stop the loop.
/// </summary>
public abstract class PollingService(ILogger logger, TimeProvider clock) : BackgroundService
{
    /// <summary>The connector's name in logs and checkpoints, e.g. <c>linnworks</c>.</summary>
    protected abstract string Connector { get; }

    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected ILogger Logger { get; } = logger;

    protected TimeProvider Clock { get; } = clock;

    /// <summary>Refuses to start when enabled but missing what it needs, naming the setting.</summary>
    protected abstract IEnumerable<string> ConfigurationErrors();

    protected abstract Task PollAsync(CancellationToken cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled && ConfigurationErrors().ToList() is { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"The {Connector} poll is enabled but {string.Join("; ", errors)}.");
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            Logger.LogDebug("The {Connector} poll is disabled", Connector);
            return;
        }

        Logger.LogInformation("Polling {Connector} every {Interval}", Connector, Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConnectorException e)
            {
                Logger.LogWarning("The {Connector} poll failed: {Error}", Connector, e.Message);
            }
#pragma warning disable CA1031 // a poll must survive whatever a pass throws; the next pass may well succeed
            catch (Exception e)
#pragma warning restore CA1031
            {
                Logger.LogError(e, "The {Connector} poll failed: {Error}", Connector, e.Message);
            }

            try
            {
                await Task.Delay(Interval, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
