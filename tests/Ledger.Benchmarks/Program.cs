using System.CommandLine;
using Ledger.Benchmarks;

var duration = new Option<int>("--duration")
{
    Description = "Seconds each append measurement runs, after a 2 s warm-up.",
    DefaultValueFactory = _ => 10,
};
var logSize = new Option<long>("--log-size")
{
    Description = "Events the log holds before $all is read (filled with batched appends).",
    DefaultValueFactory = _ => 1_000_000,
};
var writers = new Option<int[]>("--writers")
{
    Description = "Concurrent writers (and raw clients) to measure appends with.",
    DefaultValueFactory = _ => [1, 8, 32],
    AllowMultipleArgumentsPerToken = true,
};
var statements = new Option<bool>("--statements")
{
    Description = "Load pg_stat_statements (tracking statements inside functions too) and print the costliest statements at the end. It slows the server a little, so leave it off for the headline figures.",
};

var noNotifier = new Option<bool>("--no-notifier")
{
    Description = "Run the store without its AppendNotifier (Ledger wires one), to show what the NOTIFY after each append costs.",
};

var npgsql = new Option<string?>("--npgsql")
{
    Description = "Extra Npgsql connection-string settings for the pool both the store and the raw baseline use, e.g. \"No Reset On Close=true\". Off by default: Ledger's own wiring sets none.",
};

var eventStore = new Command("eventstore", "Durable append and $all read throughput of PostgresEventStore against raw PostgreSQL on one private cluster.")
{
    duration,
    logSize,
    writers,
    statements,
    noNotifier,
    npgsql,
};
eventStore.SetAction(async (parseResult, cancellationToken) =>
{
    var settings = new EventStoreBenchmarkSettings(
        Duration: TimeSpan.FromSeconds(parseResult.GetValue(duration)),
        Warmup: TimeSpan.FromSeconds(2),
        LogSize: parseResult.GetValue(logSize),
        Writers: parseResult.GetValue(writers) ?? [1, 8, 32],
        Statements: parseResult.GetValue(statements),
        Notifier: !parseResult.GetValue(noNotifier),
        ConnectionSettings: parseResult.GetValue(npgsql));
    if (settings.Validate() is { } error)
    {
        await Console.Error.WriteLineAsync(error);
        return 2;
    }

    return await EventStoreBenchmark.RunAsync(settings, cancellationToken);
});

var root = new RootCommand("Ledger benchmarks: programs that print figures, not timed tests.") { eventStore, IngestCommand.Create() };
return await root.Parse(args).InvokeAsync();
