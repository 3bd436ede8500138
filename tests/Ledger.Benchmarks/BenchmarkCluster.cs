using System.Globalization;
using System.Runtime.InteropServices;
using Ledger.Application.Abstractions.Migrations;
using Ledger.Infrastructure.EventStore;
using Ledger.Infrastructure.Migrations;
using Ledger.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// One private PostgreSQL cluster for the whole run, in <c>.ledger/bench-cluster</c> under the repository
/// root, with a migrated database and the store wired as Ledger wires it (pool, notifier). It is stopped
/// and deleted at the end, so every run starts from an empty cluster.
/// </summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    public const string DatabaseName = "ledger_bench";

    // Durability stays at PostgreSQL's defaults (fsync, synchronous_commit and full_page_writes on).
    // A larger WAL budget only spaces checkpoints out, so that one does not land in the middle of a
    // measurement more often than in production; shared_buffers is a modest 512 MB on either side.
    private static readonly Dictionary<string, string> ServerSettings = new()
    {
        ["max_connections"] = "100",
        ["shared_buffers"] = "512MB",
        ["max_wal_size"] = "4GB",
    };

    private static readonly string[] ReportedSettings =
    [
        "shared_buffers", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "wal_sync_method",
        "wal_buffers", "commit_delay", "max_wal_size", "checkpoint_timeout", "max_connections",
    ];

    private readonly EmbeddedPostgres _postgres;
    private readonly string _directory;
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _useNotifier;
    private readonly string _connectionString;

    private BenchmarkCluster(EmbeddedPostgres postgres, string directory, NpgsqlDataSource dataSource, AppendNotifier notifier, bool statements, bool useNotifier, string connectionString)
    {
        _connectionString = connectionString;
        _postgres = postgres;
        _directory = directory;
        DataSource = dataSource;
        Notifier = notifier;
        Store = new PostgresEventStore(dataSource, useNotifier ? notifier : null);
        Statements = statements;
        _useNotifier = useNotifier;
        Cpu = CpuMeter.ForDataDirectory(directory);
    }

    public NpgsqlDataSource DataSource { get; }

    public AppendNotifier Notifier { get; }

    public PostgresEventStore Store { get; }

    public bool Statements { get; }

    public CpuMeter Cpu { get; }

    public static async Task<BenchmarkCluster> StartAsync(bool statements, bool useNotifier, string? connectionSettings, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(RepositoryRoot(), ".ledger", "bench-cluster");
        // A run that was killed leaves its cluster behind; its data would skew this run's figures.
        DeleteDirectory(directory);

        var settings = new Dictionary<string, string>(ServerSettings);
        if (statements)
        {
            settings["shared_preload_libraries"] = "pg_stat_statements";
            // "all" also tracks the statements inside ledger.append_to_stream, which is where appends spend.
            settings["pg_stat_statements.track"] = "all";
        }

        var postgres = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = directory, ServerSettings = settings }, ct: cancellationToken);
        NpgsqlDataSource? dataSource = null;
        try
        {
            await postgres.CreateDatabaseAsync(DatabaseName, cancellationToken);
            // 32 writers plus the notifier's LISTEN and NOTIFY connections must never wait for the pool.
            var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString(DatabaseName)) { MaxPoolSize = 64 };
            foreach (var (key, value) in new NpgsqlConnectionStringBuilder(connectionSettings ?? string.Empty))
            {
                builder[key] = value;
            }

            var connectionString = builder.ConnectionString;
            dataSource = LedgerDataSource.Create(connectionString, "ledger-bench");
            await new MigrationRunner(dataSource, [new MigrationSource("ledger", typeof(PostgresEventStore).Assembly)], NullLogger<MigrationRunner>.Instance)
                .RunAsync(cancellationToken);
            if (statements)
            {
                await ExecuteAsync(dataSource, "create extension if not exists pg_stat_statements", cancellationToken);
            }

            var notifier = new AppendNotifier(dataSource, NullLogger<AppendNotifier>.Instance);
            var cluster = new BenchmarkCluster(postgres, directory, dataSource, notifier, statements, useNotifier, connectionString);
            await notifier.StartAsync(cluster._stopping.Token);
            return cluster;
        }
        catch
        {
            if (dataSource is not null)
            {
                await dataSource.DisposeAsync();
            }

            await postgres.StopAsync();
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>
    /// Flushes dirty pages before a measurement, so that each one starts from the same state: the first
    /// change to a page after a checkpoint writes a full-page image into the WAL, which would otherwise
    /// penalise whichever run follows a checkpoint.
    /// </summary>
    public Task CheckpointAsync(CancellationToken cancellationToken) => ExecuteAsync(DataSource, "checkpoint", cancellationToken);

    /// <summary>The machine line and the settings that decide durable-write throughput.</summary>
    public async Task<IReadOnlyList<(string Name, string Value)>> DescribeAsync(CancellationToken cancellationToken)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var lines = new List<(string, string)>
        {
            ("CPU", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), shared by client and server")),
            ("Memory", string.Create(CultureInfo.InvariantCulture, $"{memoryGiB:0.0} GiB")),
            ("OS", RuntimeInformation.OSDescription),
            ("Load average at start", LoadAverage()),
            (".NET", RuntimeInformation.FrameworkDescription),
            ("PostgreSQL", await ScalarAsync("select version()", cancellationToken)),
        };
        foreach (var setting in ReportedSettings)
        {
            lines.Add((setting, await ScalarAsync($"select current_setting('{setting}')", cancellationToken)));
        }

        lines.Add(("Store wiring", _useNotifier ? "PostgresEventStore with AppendNotifier (as Ledger wires it)" : "PostgresEventStore without AppendNotifier (--no-notifier)"));
        lines.Add(("Npgsql connection string", _connectionString));
        lines.Add(("Data directory", Path.GetRelativePath(Directory.GetCurrentDirectory(), _directory)));
        return lines;
    }

    /// <summary>The costliest statements since the last call (pg_stat_statements), then a reset. Empty unless enabled.</summary>
    public async Task<IReadOnlyList<StatementCost>> TakeStatementsAsync(CancellationToken cancellationToken)
    {
        if (!Statements)
        {
            return [];
        }

        var costs = new List<StatementCost>();
        await using (var command = DataSource.CreateCommand("""
            select calls, total_exec_time, mean_exec_time, rows, toplevel, regexp_replace(query, '\s+', ' ', 'g')
              from pg_stat_statements
             where dbid = (select oid from pg_database where datname = current_database())
             order by total_exec_time desc
             limit 12
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                costs.Add(new StatementCost(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetBoolean(4), reader.GetString(5)));
            }
        }

        await ExecuteAsync(DataSource, "select pg_stat_statements_reset()", cancellationToken);
        return costs;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Notifier.StopAsync(CancellationToken.None);
        Notifier.Dispose();
        await DataSource.DisposeAsync();
        await _postgres.StopAsync();
        DeleteDirectory(_directory);
        _stopping.Dispose();
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews every figure here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private async Task<string> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Ledger.sln above {AppContext.BaseDirectory}; run the benchmark from the repository.");
    }

    private static void DeleteDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>One row of pg_stat_statements; <see cref="TopLevel"/> is false for statements run inside a function.</summary>
internal sealed record StatementCost(long Calls, double TotalMilliseconds, double MeanMilliseconds, long Rows, bool TopLevel, string Query);
