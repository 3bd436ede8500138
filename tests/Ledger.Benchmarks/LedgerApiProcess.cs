using System.Diagnostics;

using Ledger.Testing;

namespace Ledger.Benchmarks;

/// <summary>
/// Ledger's API, Release build, as a separate process on the benchmark's cluster: a process of its own,
/// so that its CPU time can be told apart from the load generator's and PostgreSQL's. On two cores the
/// three compete, and the split is what explains the figures.
/// </summary>
internal static class LedgerApiProcess
{
    /// <summary>Builds the Api in Release (unless told not to), starts it and waits for <c>GET /health</c> to answer 200.</summary>
    public static async Task<LedgerProcess> StartAsync(string connectionString, bool build, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "Api", "Ledger.Api.csproj");
        var assembly = Path.Combine(root, "Api", "bin", "Release", "net10.0", "Ledger.Api.dll");
        if (build)
        {
            // The benchmark project does not reference the Api, so its build does not refresh it.
            Progress.Line("Building Ledger.Api (Release)");
            await RunAsync(Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet",
                ["build", project, "-c", "Release", "--nologo", "-v", "quiet"], cancellationToken);
        }

        var ledger = LedgerProcess.Start("Ledger", assembly, connectionString, environment);
        try
        {
            await ledger.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            return ledger;
        }
        catch
        {
            await Console.Error.WriteLineAsync(ledger.Output);
            await ledger.DisposeAsync();
            throw;
        }
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        // stdout carries only the report, so the build's output goes to stderr.
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        await process.StandardOutput.BaseStream.CopyToAsync(Console.OpenStandardError(), cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} exited with code {process.ExitCode}.");
        }
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
}
