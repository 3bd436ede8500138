using Ledger.Infrastructure;
using Ledger.Infrastructure.Postgres;

namespace Ledger.Api;

/// <summary>
/// The database Ledger runs on: the configured connection string, or else a private PostgreSQL cluster
/// started for this process in the project's git-ignored <c>.ledger/</c> folder and stopped with it.
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;

    private LedgerDatabase(string connectionString, EmbeddedPostgres? embedded)
    {
        ConnectionString = connectionString;
        _embedded = embedded;
    }

    public string ConnectionString { get; }

    public static async Task<LedgerDatabase> ResolveAsync(IConfiguration configuration, IHostEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString(LedgerDatabaseOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new LedgerDatabase(configured, null);
        }

        var dataDirectory = configuration["Ledger:Embedded:DataDirectory"]
            ?? Path.Combine(FindProjectRoot(environment), ".ledger", "postgres");
        using var loggerFactory = LoggerFactory.Create(b => b.AddConsole());
        var embedded = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = Path.GetFullPath(dataDirectory) },
            loggerFactory.CreateLogger<EmbeddedPostgres>(),
            cancellationToken);
        await embedded.CreateDatabaseAsync("ledger", cancellationToken);
        return new LedgerDatabase(embedded.ConnectionString("ledger"), embedded);
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }

    /// <summary>The folder holding Ledger.sln, so the cluster lands in the same place whichever folder Ledger was started from.</summary>
    private static string FindProjectRoot(IHostEnvironment environment)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
