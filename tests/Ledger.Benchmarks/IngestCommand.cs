using System.CommandLine;

namespace Ledger.Benchmarks;

/// <summary>The <c>ingest</c> command line: <c>ingest [--duration 10] [--warmup 30] [--clients 32] [--no-build] [--statements] [--ledger-env NAME=VALUE …]</c>.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var duration = new Option<int>("--duration")
        {
            Description = "Seconds the webhook load and the raw baseline are each measured, after the warm-up.",
            DefaultValueFactory = _ => 10,
        };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Seconds of load before measuring (also before the raw baseline). A freshly started Ledger was still compiling its hot paths (tiered JIT) 25 s after start on a busy 2-core machine.",
            DefaultValueFactory = _ => 30,
        };
        var clients = new Option<int>("--clients")
        {
            Description = "Concurrent webhook senders (and raw INSERT clients).",
            DefaultValueFactory = _ => 32,
        };
        var noBuild = new Option<bool>("--no-build")
        {
            Description = "Use the existing Release build of Ledger.Api instead of building it first.",
        };

        var statements = new Option<bool>("--statements")
        {
            Description = "Load pg_stat_statements (track = all) and print the costliest statements of Ledger's run. It slows the server a little, so leave it off for the headline figures.",
        };
        var ledgerEnvironment = new Option<string[]>("--ledger-env")
        {
            Description = "Extra NAME=VALUE environment variables for the Ledger process, for experiments (e.g. DOTNET_gcServer=0). None by default: Ledger runs as it ships.",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("ingest", "Signed Shopify webhooks acknowledged per second by Ledger's API over HTTP, against raw INSERTs on the same private cluster.")
        {
            duration,
            warmup,
            clients,
            noBuild,
            statements,
            ledgerEnvironment,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new IngestBenchmarkSettings(
                Duration: TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Warmup: TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                Clients: parseResult.GetValue(clients),
                Build: !parseResult.GetValue(noBuild),
                Statements: parseResult.GetValue(statements),
                LedgerEnvironment: (parseResult.GetValue(ledgerEnvironment) ?? [])
                    .Select(pair => pair.Split('=', 2))
                    .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal));
            if (settings.Validate() is { } error)
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            return await IngestBenchmark.RunAsync(settings, cancellationToken);
        });
        return command;
    }
}
