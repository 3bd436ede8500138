using Ledger.Application.Connectors.Acs;
using Ledger.Application.Inbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ledger.Infrastructure.Connectors.Acs;

/// <summary>
/// Imports ACS's daily stock file from a watched folder: each <c>*.csv</c> goes through the same
/// all-or-nothing import as an upload, then moves to <c>processed/</c>, or to <c>rejected/</c> with a
/// <c>.error.txt</c> beside it saying which line is wrong.
/// </summary>
public sealed class AcsDropFolderWatcher(AcsOptions options, AcsReceiver receiver, TimeProvider clock, ILogger<AcsDropFolderWatcher> logger) : BackgroundService
{
    /// <summary>A file written to within this long may still be being copied in.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.DropFolder))
        {
            return;
        }

        var folder = Path.GetFullPath(options.DropFolder);
        Directory.CreateDirectory(folder);
        logger.LogInformation("Watching {Folder} for ACS stock files", folder);
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    await ImportReadyFilesAsync(folder, stoppingToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning(e, "Could not read the ACS drop folder {Folder}; trying again", folder);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public async Task ImportReadyFilesAsync(string folder, CancellationToken cancellationToken)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(path) < Settle)
            {
                continue;
            }

            var name = Path.GetFileName(path);
            var result = await receiver.ImportStockFileAsync(await File.ReadAllBytesAsync(path, cancellationToken), name, cancellationToken);
            switch (result)
            {
                case InboundResult.Recorded recorded:
                    Move(path, Path.Combine(folder, "processed"));
                    logger.LogInformation("Imported ACS stock file {File} ({Outcome})", name, recorded.Outcome.Duplicate ? "already imported" : "recorded");
                    break;
                case InboundResult.Invalid invalid:
                    var rejected = Move(path, Path.Combine(folder, "rejected"));
                    await File.WriteAllTextAsync(rejected + ".error.txt", $"{invalid.Field}: {invalid.Message}{Environment.NewLine}", cancellationToken);
                    logger.LogWarning("Rejected ACS stock file {File}: {Field}: {Message}", name, invalid.Field, invalid.Message);
                    break;
            }
        }
    }

    private static string Move(string path, string toFolder)
    {
        Directory.CreateDirectory(toFolder);
        var target = Path.Combine(toFolder, Path.GetFileName(path));
        if (File.Exists(target))
        {
            target = Path.Combine(toFolder, $"{Path.GetFileNameWithoutExtension(path)}-{Guid.NewGuid():N}{Path.GetExtension(path)}");
        }

        File.Move(path, target);
        return target;
    }
}
