using Ledger.Infrastructure.Postgres;

namespace Ledger.Testing;

/// <summary>
/// One private PostgreSQL cluster per test run (per test assembly process), started on first use from the
/// installed server binaries and stopped when the process exits. Test classes each get a fresh database.
/// </summary>
public static class TestCluster
{
    private static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<EmbeddedPostgres> GetAsync() => Cluster.Value;

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        var root = Path.Combine(ProjectRoot(), ".ledger", "test-clusters");
        RemoveClustersOfEndedRuns(root);
        var directory = Path.Combine(root, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
        var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = directory,
            ServerSettings = new Dictionary<string, string>
            {
                // Many test databases, each with pools and listeners of its own.
                ["max_connections"] = "400",
                ["shared_buffers"] = "128MB",
            },
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A left-over folder under .ledger/ is harmless and git-ignored.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return cluster;
    }

    /// <summary>A run that was killed leaves its folder behind; its name starts with the run's process id.</summary>
    private static void RemoveClustersOfEndedRuns(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name[..dash], System.Globalization.CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    public static string ProjectRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
